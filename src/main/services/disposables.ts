/**
 * What the services started and must stop when the console quits (timers, subscriptions): each service leaves its
 * own here as it starts it, and `MainServices.dispose` stops them all, the last started first.
 */

/** Where a service leaves what must be stopped when the console quits. */
export interface Disposables {
  add(dispose: () => void): void;
}

export interface DisposableRegistry extends Disposables {
  /** Stops everything added, the last added first; one that throws is logged and the others still stop. */
  dispose(): void;
}

export function createDisposables(): DisposableRegistry {
  const stops: Array<() => void> = [];
  return {
    add(dispose) {
      stops.push(dispose);
    },
    dispose() {
      for (const stop of stops.splice(0).reverse()) {
        try {
          stop();
        } catch (error) {
          console.error(`[services] could not stop something on the way out: ${String(error)}`);
        }
      }
    },
  };
}
