/**
 * The SVG sanitiser's thread. Main (images.ts) starts it, sends one SVG at a time and waits at most a few seconds
 * for the answer; a hostile file can then stall or crash only this thread. It loads jsdom and DOMPurify once, says
 * it is ready, and answers each request with the sanitised SVG (null: nothing drawable left) or the error.
 */
import { parentPort } from 'node:worker_threads';
import { loadPurifier, sanitiseSvgHere } from './svg-sanitiser';

export interface SvgRequest {
  id: number;
  svg: string;
}
export type SvgWorkerMessage = { ready: true } | { id: number; svg: string | null } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('svg-worker.ts runs only as a worker thread (see images.ts)');
await loadPurifier();
// The first sanitising in a thread is several times slower than the rest; do it now, not on a logo's time.
await sanitiseSvgHere('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
const reply = (message: SvgWorkerMessage) => port.postMessage(message);
port.on('message', async ({ id, svg }: SvgRequest) => {
  try {
    reply({ id, svg: await sanitiseSvgHere(svg) });
  } catch (error) {
    reply({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
reply({ ready: true });
