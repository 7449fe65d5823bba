/** The web host's transport: `POST /bridge/<op>` for calls, one shared EventSource for events. */
import type { BridgeTransport } from '@shared/bridge-client';

export function createHttpTransport(base = ''): BridgeTransport {
  let source: EventSource | null = null;
  const openStream = () => (source ??= new EventSource(`${base}/events`, { withCredentials: true }));
  return {
    async invoke(operation, input) {
      const response = await fetch(`${base}/bridge/${encodeURIComponent(operation)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      // Every answer, refusals included, is a serialised Result; let the client check its shape.
      return response.json();
    },
    subscribe(event, listener) {
      const stream = openStream();
      const onMessage = (message: MessageEvent<string>) => {
        try {
          listener(JSON.parse(message.data));
        } catch {
          // A garbled frame is dropped; the next one will do.
        }
      };
      stream.addEventListener(event, onMessage);
      return () => stream.removeEventListener(event, onMessage);
    },
  };
}
