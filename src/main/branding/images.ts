/**
 * Checks a downloaded branding image before it may enter the cache: its real type from its first bytes (the
 * Content-Type header is only a hint), a size limit, and for SVG a sanitising pass, so that what the cache holds
 * can neither run script nor fetch anything, however it is later shown.
 */
import type { DOMPurify } from 'dompurify';

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

/** Checks the bytes and, for SVG, replaces them with a sanitised copy. */
export async function checkImage(bytes: Buffer, declaredType: string | null): Promise<CheckedImage> {
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
  const clean = await sanitiseSvg(bytes.toString('utf8'));
  if (!clean) return { ok: false, problem: 'the SVG has no drawable content once made safe' };
  return { ok: true, kind, bytes: Buffer.from(clean, 'utf8') };
}

let purifier: Promise<{ purify: DOMPurify; serialise(node: Node): string }> | null = null;

/** DOMPurify needs a DOM; jsdom is the one its authors support outside a browser. Loaded on first use. */
function loadPurifier() {
  purifier ??= (async () => {
    const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
    const { window } = new JSDOM('');
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    // Nothing in a logo may reach outside it: only in-document references (#id) and embedded raster images.
    purify.addHook('afterSanitizeAttributes', (node) => {
      for (const attribute of Array.from(node.attributes ?? [])) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.trim();
        const isReference = name === 'href' || name.endsWith(':href') || name === 'src';
        const allowed = isReference
          ? value.startsWith('#') || (node.nodeName.toLowerCase() === 'image' && embeddedRaster.test(value))
          : !value.includes('\\') && (name === 'style' ? isSelfContainedCss(value) : isLocalUrl(value));
        if (!allowed) node.removeAttribute(attribute.name);
      }
    });
    purify.addHook('uponSanitizeElement', (node, data) => {
      if (data.tagName === 'style' && !isSelfContainedCss(node.textContent ?? '')) node.textContent = '';
    });
    const serializer = new window.XMLSerializer();
    return { purify, serialise: (node: Node) => serializer.serializeToString(node as never) };
  })();
  return purifier;
}

/** CSS that cannot load anything: no @import, no escapes (they can spell url), and url() only to #ids. */
function isSelfContainedCss(css: string): boolean {
  if (/@import|@font-face|image-set|\\/i.test(css)) return false;
  return isLocalUrl(css);
}

/** A PNG, JPEG, GIF or WebP inside the file itself (common in exported logos); never a nested SVG. */
const embeddedRaster = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

function isLocalUrl(text: string): boolean {
  return Array.from(text.matchAll(/url\s*\(\s*(['"]?)\s*([^'")]*)/gi)).every((match) => match[2]!.startsWith('#'));
}

/**
 * A sanitised, standalone SVG document, or null when nothing drawable is left: no script, event handlers,
 * foreignObject, external references or remote CSS. Serialised as XML so it stays a valid image file.
 */
export async function sanitiseSvg(svg: string): Promise<string | null> {
  const { purify, serialise } = await loadPurifier();
  const fragment = purify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    // Animation can rewrite attributes after sanitising; links are not for logos.
    FORBID_TAGS: ['foreignObject', 'a', 'animate', 'set', 'animateMotion', 'animateTransform'],
    RETURN_DOM_FRAGMENT: true,
  });
  const elements = Array.from(fragment.childNodes).filter((node) => node.nodeType === 1) as Element[];
  const root = elements[0];
  if (
    elements.length !== 1 ||
    !root ||
    root.localName !== 'svg' ||
    root.namespaceURI !== 'http://www.w3.org/2000/svg'
  ) {
    return null;
  }
  if (root.childElementCount === 0) return null;
  return serialise(root);
}
