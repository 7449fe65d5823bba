/** Main's side of contract events: services emit, bindings (IPC, SSE) deliver. */
import { events, type EventName, type EventPayload } from '@shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export interface EventHubOptions {
  /** Scrubs secrets from every payload before any listener (IPC, SSE) sees it. */
  redact?<T>(value: T): T;
}

export function createEventHub(options: EventHubOptions = {}): EventHub {
  const listeners = new Set<EventListener>();
  const redact = options.redact ?? (<T>(value: T) => value);
  return {
    emit(event, payload) {
      // A malformed payload is our bug; fail loudly here rather than confuse the renderer.
      const checked = redact(events[event].parse(payload));
      for (const listener of listeners) listener(event, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
