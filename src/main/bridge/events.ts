/** Main's side of contract events: services emit, bindings (IPC, SSE) deliver. */
import { events, type EventName, type EventPayload } from '../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      // A malformed payload is our bug; fail loudly here rather than confuse the renderer.
      const checked = events[event].parse(payload);
      for (const listener of listeners) listener(event, checked);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
