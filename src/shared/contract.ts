/**
 * THE bridge contract: every operation the renderer may ask main for, and every event main may push.
 * Types on both sides are inferred from these schemas; nothing else describes the bridge.
 * Values must survive JSON (the web host) as well as structured clone (IPC): dates are ISO strings.
 */
import { z } from 'zod';
import type { Result } from './result';
import { pageIds } from './pages';

// The renderer's CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

const noInput = z.object({}).strict();

export const environmentSchema = z.enum(['training', 'test', 'production']);

export const secretStorageSchema = z.object({
  /** True only when API keys are encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
  osKeychain: z.boolean(),
  level: z.enum(['os_keychain', 'weak', 'session_only']),
  /** One plain sentence for the settings page. */
  explanation: z.string(),
});

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  activeProfile: z.object({ id: z.string(), name: z.string(), environment: environmentSchema }).nullable(),
  secretStorage: secretStorageSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const operations = {
  'app.info': { input: noInput, output: appInfoSchema },
  'system.openExternal': {
    input: z.object({ url: z.string().min(1).max(8192) }).strict(),
    output: z.object({ opened: z.literal(true) }),
  },
} as const satisfies Record<`${string}.${string}`, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** A menu item or global shortcut asks the renderer to do something. */
  'ui.command': z.discriminatedUnion('command', [
    z.object({ command: z.literal('focusSearch') }),
    z.object({ command: z.literal('navigate'), page: z.enum(pageIds) }),
  ]),
  /** The latest X-Rate-Limit-* figures Codat sent for the active profile. */
  'codat.rateLimit': z.object({
    limit: z.number().int().nullable(),
    remaining: z.number().int().nullable(),
    resetAt: z.string().nullable(),
  }),
  /** Whether main can currently reach the active profile's API. */
  'codat.connectivity': z.object({ online: z.boolean(), checkedAt: z.string() }),
} as const satisfies Record<`${string}.${string}`, z.ZodType>;

export type OperationName = keyof typeof operations;
export type EventName = keyof typeof events;
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<(typeof operations)[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

type AreaOf<N> = N extends `${infer Area}.${string}` ? Area : never;
type Area = AreaOf<OperationName>;
type Method<N extends OperationName> =
  {} extends OperationInput<N>
    ? (input?: OperationInput<N>) => Promise<Result<OperationOutput<N>>>
    : (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;

/** What the renderer sees as `window.linkdesk`. */
export type LinkdeskApi = {
  [A in Area]: { [N in OperationName as N extends `${A}.${infer M}` ? M : never]: Method<N> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
