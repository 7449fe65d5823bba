/**
 * Builds `window.linkdesk` from the contract over any transport: IPC in the preload, HTTP + SSE in the
 * web host. Same code both ways, so the renderer cannot tell (or care) which host it runs in.
 */
import {
  events,
  isEventName,
  operationNames,
  operations,
  type EventName,
  type LinkdeskApi,
  type OperationName,
} from './contract';
import { resultSchema, type Result } from './result';

export interface BridgeTransport {
  /** Sends one call; resolves to whatever the host answered (a serialised Result). */
  invoke(operation: OperationName, input: unknown): Promise<unknown>;
  /** Delivers payloads of one event; returns an unsubscribe function. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function createBridgeClient(transport: BridgeTransport): LinkdeskApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of operationNames) {
    const [area, method] = name.split('.') as [string, string];
    const answerSchema = resultSchema(operations[name].output);
    (api[area] ??= {})[method] = async (input: unknown = {}) => {
      let answer: unknown;
      try {
        answer = await transport.invoke(name, input);
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'network',
            message: `Linkdesk's background process did not answer ${name}: ${messageOf(error)}`,
          },
        };
      }
      const parsed = answerSchema.safeParse(answer);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'internal', message: `The answer to ${name} was not in the expected shape.` },
        };
      }
      return parsed.data as Result<unknown>;
    };
  }
  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`Unknown Linkdesk event: ${event}`);
    if (typeof listener !== 'function') throw new TypeError('A listener must be a function.');
    const schema = events[event];
    // Only the validated payload reaches the listener: never a transport object such as an IpcRendererEvent.
    return transport.subscribe(event, (payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  };
  return Object.freeze({ ...api, on }) as unknown as LinkdeskApi;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
