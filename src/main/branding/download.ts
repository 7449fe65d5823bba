/**
 * Downloading branding images: without the API key (they live on Codat's CDN), over https only (or a trusted local
 * origin such as the training sandbox), no redirects, at most 512 KB read, then checked and sanitised before they
 * enter the store. Each address is downloaded once per refresh.
 */
import { checkImage, maxImageBytes } from './images';
import type { BrandingStore, ImageRef } from './store';

export type Downloaded = { file: string } | { problem: string };

export interface ImageDownloadOptions {
  store: Pick<BrandingStore, 'putImage'>;
  /** Origins images may come from besides https (the training sandbox serves its own over http). */
  trustedImageOrigins(): readonly string[];
  fetch?: typeof fetch;
}

export function createImageDownload(options: ImageDownloadOptions) {
  return async function download(source: string): Promise<Downloaded> {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      return { problem: 'its address is not a URL' };
    }
    if (url.protocol !== 'https:' && !options.trustedImageOrigins().includes(url.origin)) {
      return { problem: `it is not served over https (${url.protocol})` };
    }
    try {
      // No API key: branding lives on Codat's CDN, and a redirect could lead anywhere.
      const response = await (options.fetch ?? fetch)(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
      if (!response.ok) return { problem: `the server answered HTTP ${response.status}` };
      const bytes = await readAtMost(response, maxImageBytes);
      if (!bytes) return { problem: `the image is over the ${maxImageBytes / 1024} KB limit` };
      const checked = await checkImage(bytes, response.headers.get('content-type'));
      if (!checked.ok) return { problem: checked.problem };
      return { file: await options.store.putImage(checked.bytes, checked.kind) };
    } catch (error) {
      return { problem: `it could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
    }
  };
}

/**
 * One refresh's downloads: each address once; a failed download falls back to what was cached from the same
 * address, unless that file was lost.
 */
export function createRefreshDownloads(download: (source: string) => Promise<Downloaded>, lost: ReadonlySet<string>) {
  const seen = new Map<string, Promise<Downloaded>>();
  return (source: string, alt: string, previous: ImageRef | null): Promise<{ ref: ImageRef } | { problem: string }> => {
    let pending = seen.get(source);
    if (!pending) {
      pending = download(source);
      seen.set(source, pending);
    }
    return pending.then((result) => {
      if ('file' in result) return { ref: { file: result.file, alt, source } };
      const reusable = previous && previous.source === source && !lost.has(previous.file);
      return reusable ? { ref: { ...previous, alt } } : result;
    });
  };
}

export type RefreshDownloads = ReturnType<typeof createRefreshDownloads>;

/** The body, or null as soon as it proves longer than `limit` (a hostile server cannot fill main's memory). */
export async function readAtMost(response: Response, limit: number): Promise<Buffer | null> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    size += next.value.length;
    if (size > limit) {
      await reader?.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
