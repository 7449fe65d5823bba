/**
 * Makes an SVG safe with DOMPurify on jsdom. This is slow and can be made arbitrarily slow by a hostile file, so
 * it runs only in the sanitiser worker (svg-worker.ts), never on main's thread: main uses `images.ts`.
 */
import type { DOMPurify } from 'dompurify';

let purifier: Promise<{ purify: DOMPurify; serialise(node: Node): string }> | null = null;

/** DOMPurify needs a DOM; jsdom is the one its authors support outside a browser. Loaded once per worker. */
export function loadPurifier() {
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
export async function sanitiseSvgHere(svg: string): Promise<string | null> {
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
