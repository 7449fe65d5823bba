/**
 * Checks a downloaded branding image before it may enter the cache: its real type from its first bytes (the
 * Content-Type header is only a hint), a size limit, and for SVG a sanitising pass, so that what the cache holds
 * can neither run script nor fetch anything, however it is later shown.
 *
 * Sanitising (DOMPurify on jsdom) is slow and a hostile SVG can make it arbitrarily slow, so main only looks at an
 * SVG's shape (a linear scan, no parsing) and hands what passes to one worker thread with a time and memory limit.
 * A file that is too slow or crashes the worker is refused; main's event loop never waits for it.
 */
import { Worker } from 'node:worker_threads';
import type { SvgRequest, SvgWorkerMessage } from './svg-worker';

export const imageKinds = ['png', 'jpg', 'gif', 'webp', 'svg'] as const;
export type ImageKind = (typeof imageKinds)[number];

export const imageContentTypes: Record<ImageKind, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

export const maxImageBytes = 512 * 1024;

export type CheckedImage = { ok: true; kind: ImageKind; bytes: Buffer } | { ok: false; problem: string };

/** The image's type from its signature; null for anything that is not one of ours. */
export function sniffImageKind(bytes: Buffer): ImageKind | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a')
    return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'webp';
  // SVG is text: after an optional BOM, prolog, comments and doctype, the first element must be <svg.
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const withoutPreamble = head.replace(
    /^(\s*(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>))*\s*/i,
    '',
  );
  if (/^<svg[\s>/]/i.test(withoutPreamble)) return 'svg';
  return null;
}

/** Checks the bytes and, for SVG, replaces them with a sanitised copy (made by `sanitiser`, the shared one by default). */
export async function checkImage(
  bytes: Buffer,
  declaredType: string | null,
  sanitiser: SvgSanitiser = svgSanitiser,
): Promise<CheckedImage> {
  if (bytes.length === 0) return { ok: false, problem: 'the image is empty' };
  if (bytes.length > maxImageBytes) {
    return {
      ok: false,
      problem: `the image is ${Math.ceil(bytes.length / 1024)} KB, over the ${maxImageBytes / 1024} KB limit`,
    };
  }
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (declared && !declared.startsWith('image/') && declared !== 'application/octet-stream') {
    return { ok: false, problem: `the server sent ${declared}, not an image` };
  }
  const kind = sniffImageKind(bytes);
  if (!kind) return { ok: false, problem: 'the file is not a PNG, JPEG, GIF, WebP or SVG image' };
  if (kind !== 'svg') return { ok: true, kind, bytes };
  const svg = bytes.toString('utf8');
  const shapeProblem = svgShapeProblem(svg);
  if (shapeProblem) return { ok: false, problem: shapeProblem };
  const sanitised = await sanitiser.sanitise(svg);
  if (!sanitised.ok) return sanitised;
  if (!sanitised.svg) return { ok: false, problem: 'the SVG has no drawable content once made safe' };
  return { ok: true, kind, bytes: Buffer.from(sanitised.svg, 'utf8') };
}

/**
 * Limits on an SVG's shape, checked before anything parses it. Platform logos, and the sandbox's lettermarks, nest
 * fewer than 20 elements deep and have fewer than 2 000; these leave a wide margin. Sanitising cost grows with both:
 * 2 000 nested groups take about 2 s and 10 000 overflow the stack; 5 000 elements take 1–3 s and up to 128 MB.
 */
export const maxSvgDepth = 100;
export const maxSvgElements = 5_000;

/**
 * Why an SVG's markup is beyond the limits, or null. A linear scan of the text that reads tags as XML does and
 * errs on the side of counting more: every `<` followed by a letter is an element, wherever it stands. Markup an
 * HTML parser nests differently (DOMPurify parses as HTML) can get past this; the worker's limits catch that.
 */
export function svgShapeProblem(svg: string): string | null {
  const open: string[] = [];
  const openByName = new Map<string, number>();
  let elements = 0;
  let tagEnd = -1; // the first '>' after the current tag's name (found once, moving forward only: linear time)
  const tagName = /[A-Za-z][^\s/<>]*/y;
  for (let at = svg.indexOf('<'); at !== -1; at = svg.indexOf('<', at + 1)) {
    const closing = svg[at + 1] === '/';
    tagName.lastIndex = at + (closing ? 2 : 1);
    const name = tagName.exec(svg)?.[0].toLowerCase();
    if (!name) continue; // a comment, CDATA, doctype, processing instruction or stray '<'
    if (closing) {
      // As in an HTML parser, an end tag closes the nearest open element of its name and is otherwise ignored.
      if (!openByName.get(name)) continue;
      for (let popped = ''; popped !== name;) {
        popped = open.pop()!;
        openByName.set(popped, openByName.get(popped)! - 1);
      }
      continue;
    }
    elements += 1;
    if (elements > maxSvgElements) return `the SVG has more than ${spaced(maxSvgElements)} elements`;
    if (tagEnd < tagName.lastIndex) {
      tagEnd = svg.indexOf('>', tagName.lastIndex);
      if (tagEnd === -1) tagEnd = svg.length;
    }
    if (svg[tagEnd - 1] === '/') continue; // <path … />
    open.push(name);
    openByName.set(name, (openByName.get(name) ?? 0) + 1);
    if (open.length > maxSvgDepth) return `the SVG nests elements more than ${spaced(maxSvgDepth)} deep`;
  }
  return null;
}

/** 5000 as "5 000". */
const spaced = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ' ');

/** What the worker made of an SVG: the sanitised copy (null when nothing drawable is left), or why it could not. */
export type SanitisedSvg = { ok: true; svg: string | null } | { ok: false; problem: string };

export interface SvgSanitiser {
  sanitise(svg: string): Promise<SanitisedSvg>;
  /** Stops the worker (a later `sanitise` starts another). */
  close(): Promise<void>;
}

export interface SvgSanitiserOptions {
  /** How long one SVG may take once the worker has it. */
  timeLimitMs?: number;
  /** The worker's heap (V8's old generation). */
  maxHeapMb?: number;
  /** How long the worker may take to load jsdom and DOMPurify. */
  startLimitMs?: number;
  /** How long an idle worker is kept (jsdom holds tens of MB); the next SVG starts another. */
  idleMs?: number;
  /** The worker's file (a benchmark measures the built one); by default the one beside this module. */
  workerFile?: URL;
}

/** Real logos take milliseconds to sanitise; an ordinary SVG at the shape limits 1–3 s on a busy machine. */
const svgTimeLimitMs = 5_000;
/** An ordinary SVG at the shape limits fits in 128 MB of jsdom; twice that leaves room. */
const svgWorkerHeapMb = 256;
/** Loading jsdom and DOMPurify takes about 0.6 s; much more on a busy machine. */
const svgWorkerStartLimitMs = 30_000;
/** An idle worker is stopped, which frees jsdom's memory; the next SVG starts another. */
const svgWorkerIdleMs = 30_000;

type Outcome<T> = { settled: T } | { stopped: string } | { late: true };

/**
 * One long-lived worker (jsdom loads once, about 0.6 s), one SVG at a time. An SVG that takes longer than the time
 * limit, or that crashes the worker (out of memory, stack overflow), is refused with a plain reason and the worker
 * is replaced for the next one.
 */
export function createSvgSanitiser(options: SvgSanitiserOptions = {}): SvgSanitiser {
  const timeLimitMs = options.timeLimitMs ?? svgTimeLimitMs;
  const maxHeapMb = options.maxHeapMb ?? svgWorkerHeapMb;
  const startLimitMs = options.startLimitMs ?? svgWorkerStartLimitMs;
  const idleMs = options.idleMs ?? svgWorkerIdleMs;

  type Running = { thread: Worker; ready: Promise<void>; stopped: Promise<string> };
  let running: Running | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let lastId = 0;

  function start(): Running {
    const limits = { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
    const thread = options.workerFile ? new Worker(options.workerFile, limits) : newWorkerThread(limits);
    const stopped = new Promise<string>((resolve) => {
      // Listening to 'error' for the thread's whole life also keeps its errors from reaching main's top level.
      thread.on('error', (error: Error & { code?: string }) =>
        resolve(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `it needed more than ${maxHeapMb} MB of memory`
            : error.message.slice(0, 200),
        ),
      );
      thread.on('exit', (code) => resolve(`the sanitiser stopped with exit code ${code}`));
    });
    const ready = new Promise<void>((resolve) => {
      const onMessage = (message: SvgWorkerMessage) => {
        if (!('ready' in message)) return;
        thread.off('message', onMessage);
        resolve();
      };
      thread.on('message', onMessage);
    });
    return { thread, ready, stopped };
  }

  function stop() {
    if (!running) return Promise.resolve();
    const { thread } = running;
    running = null;
    return thread.terminate().then(() => undefined);
  }

  /** Whichever comes first: `work` settling, the worker stopping, or the time limit. */
  async function race<T>(worker: Running, work: Promise<T>, limitMs: number): Promise<Outcome<T>> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work.then((settled) => ({ settled })),
        worker.stopped.then((stopped) => ({ stopped })),
        new Promise<{ late: true }>((resolve) => (timer = setTimeout(() => resolve({ late: true }), limitMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function sanitiseOne(svg: string): Promise<SanitisedSvg> {
    const worker = (running ??= start());
    worker.thread.ref(); // while it has work, the worker keeps the process alive
    const started = await race(worker, worker.ready, startLimitMs);
    if (!('settled' in started)) {
      await stop();
      const why = 'stopped' in started ? started.stopped : `it did not start within ${startLimitMs / 1000} s`;
      console.warn(`[branding] the SVG sanitiser could not start: ${why}`);
      return { ok: false, problem: `the SVG could not be made safe (the sanitiser could not start: ${why})` };
    }
    const id = ++lastId;
    const answer = new Promise<SvgWorkerMessage>((resolve) => {
      const onMessage = (message: SvgWorkerMessage) => {
        if (!('id' in message) || message.id !== id) return;
        worker.thread.off('message', onMessage);
        resolve(message);
      };
      worker.thread.on('message', onMessage);
    });
    worker.thread.postMessage({ id, svg } satisfies SvgRequest);
    const outcome = await race(worker, answer, timeLimitMs);
    if ('late' in outcome) {
      await stop();
      console.warn(`[branding] an SVG took more than ${timeLimitMs / 1000} s to make safe; its worker was stopped`);
      return { ok: false, problem: 'the SVG took too long to make safe' };
    }
    if ('settled' in outcome && 'svg' in outcome.settled) return { ok: true, svg: outcome.settled.svg };
    const failure =
      'stopped' in outcome ? outcome.stopped : 'error' in outcome.settled ? outcome.settled.error.slice(0, 200) : '';
    // A thread that threw (say, on a stack overflow inside jsdom) is not trusted with the next SVG either.
    await stop();
    console.warn(`[branding] an SVG could not be made safe: ${failure}`);
    return { ok: false, problem: `the SVG could not be made safe (${failure})` };
  }

  function afterEach() {
    queued -= 1;
    if (queued > 0 || !running) return;
    running.thread.unref();
    idleTimer = setTimeout(() => void stop(), idleMs);
    idleTimer.unref();
  }

  return {
    sanitise(svg) {
      clearTimeout(idleTimer);
      queued += 1;
      const result = queue
        .then(() => sanitiseOne(svg))
        .catch((error: unknown): SanitisedSvg => {
          void stop();
          const why = (error instanceof Error ? error.message : String(error)).slice(0, 200);
          console.warn(`[branding] the SVG sanitiser failed: ${why}`);
          return { ok: false, problem: `the SVG could not be made safe (${why})` };
        })
        .finally(afterEach);
      queue = result;
      return result;
    },
    close() {
      clearTimeout(idleTimer);
      return stop();
    },
  };
}

/**
 * The worker thread. Built, electron-vite emits svg-worker.js beside main's other files (electron.vite.config.ts).
 * From source (tests, the bench) the worker is TypeScript, which Node 20 cannot run: it is loaded through tsx.
 */
function newWorkerThread(options: { resourceLimits: { maxOldGenerationSizeMb: number } }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./svg-worker.js', import.meta.url), options);
  const source = JSON.stringify(new URL('./svg-worker.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ tsImport }) => tsImport(${source}, ${source}))`, {
    ...options,
    eval: true,
  });
}

/** The sanitiser main uses. */
export const svgSanitiser = createSvgSanitiser();

/** Sanitises one SVG in the worker (without the shape limits); throws when it cannot be made safe. */
export async function sanitiseSvg(svg: string): Promise<string | null> {
  const sanitised = await svgSanitiser.sanitise(svg);
  if (!sanitised.ok) throw new Error(sanitised.problem);
  return sanitised.svg;
}
