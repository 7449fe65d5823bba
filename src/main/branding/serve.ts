/**
 * How both hosts serve the branding cache to the renderer: `/branding-cache/<sha256>.<ext>` on the console's own
 * origin. The bytes are immutable (named by their hash) and already checked; the headers make sure that even an
 * image opened as a page can run nothing and load nothing.
 */
export interface CachedImageFile {
  bytes: Buffer;
  contentType: string;
}

const cachedImagePath = /^\/branding-cache\/([0-9a-f]{64}\.(?:png|jpg|gif|webp|svg))$/;

/** The cache file a request path names, or null when it is not a branding-cache path. */
export function cachedImageName(pathname: string): string | null {
  return cachedImagePath.exec(pathname)?.[1] ?? null;
}

export function cachedImageHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
}
