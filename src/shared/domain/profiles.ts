/** Rules about profiles that main and the renderer both apply. */

/** The scheme, host and port a profile's key is sent to; a stored key belongs to exactly one. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/** True when saving `baseUrl` for a profile stored with `storedBaseUrl` needs its key entered again. */
export function addressNeedsNewKey(storedBaseUrl: string, baseUrl: string): boolean {
  return originOf(storedBaseUrl) !== originOf(baseUrl);
}
