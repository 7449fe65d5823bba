/** A stand-in for the bridge (`@renderer/api`) that records every operation called and answers from a table. */
import type { Result } from '@shared/result';

export interface BridgeRecorder {
  calls: string[];
  answers: Map<string, unknown>;
}

export function recordingBridge(recorder: BridgeRecorder) {
  const namespace = (name: string) =>
    new Proxy(
      {},
      {
        get: (_, operation) => () => {
          const id = `${name}.${String(operation)}`;
          recorder.calls.push(id);
          const answer: Result<unknown> = recorder.answers.has(id)
            ? { ok: true, value: recorder.answers.get(id) }
            : { ok: false, error: { code: 'internal', message: `No answer for ${id} in this test.` } };
          return Promise.resolve(answer);
        },
      },
    );
  return new Proxy({}, { get: (_, name) => (name === 'on' ? () => () => {} : namespace(String(name))) });
}
