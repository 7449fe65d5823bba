/**
 * Serves the renderer from `linkdesk://app/…` instead of file://, so the page has a real origin that the
 * CSP's 'self' and the bridge's caller check can rely on, and no access to the rest of the disk.
 */
import { protocol } from 'electron';
import { cachedImageHeaders, cachedImageName, type CachedImageFile } from '../branding/serve';
import { readStaticFile } from '../static-files';
import { rendererSecurityHeaders } from '../security/csp';

export const appScheme = 'linkdesk';
export const appOrigin = `${appScheme}://app`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(
  rendererDir: string,
  brandingImage: (name: string) => Promise<CachedImageFile | null>,
): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return notFound();
    const imageName = cachedImageName(url.pathname);
    if (imageName) {
      const image = await brandingImage(imageName);
      return image
        ? new Response(new Uint8Array(image.bytes), { status: 200, headers: cachedImageHeaders(image.contentType) })
        : notFound();
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...rendererSecurityHeaders, 'Content-Type': file.contentType },
    });
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: rendererSecurityHeaders });
}
