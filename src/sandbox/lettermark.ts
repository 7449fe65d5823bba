/**
 * Generated stand-in logos for the training sandbox.
 *
 * Every platform gets an original "lettermark": its initials on a colour derived from its 4-letter key. These are
 * deliberately not real trademarks. The output is a standalone SVG document with no script, no links, no external
 * references and no <foreignObject>, so it is safe to serve as an image and to open directly.
 */

export type LettermarkVariant = 'full' | 'square' | 'button' | 'buttonHover';

export interface LettermarkInput {
  key: string;
  name: string;
  variant: LettermarkVariant;
}

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MAX_NAME_CHARS = 48;

/** 'QuickBooks Online' -> 'QO', 'Xero' -> 'X', 'Sage 50 (UK)' -> 'S5'. At most two characters, '?' if none usable. */
export function initialsOf(name: string): string {
  const words = name
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word));
  const initials = words
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? '')
    .join('')
    .toUpperCase();
  return Array.from(initials).slice(0, 2).join('') || '?';
}

export function lettermarkSvg(input: LettermarkInput): string {
  const name = displayName(input.name);
  const initials = initialsOf(name);
  const colours = paletteFor(input.key);
  switch (input.variant) {
    case 'square':
      return squareSvg(name, initials, colours.base);
    case 'full':
      return fullSvg(name, initials, colours.base);
    case 'button':
      return buttonSvg(name, initials, colours.base);
    case 'buttonHover':
      return buttonSvg(name, initials, colours.hover);
    default:
      throw new Error(`Unknown lettermark variant: ${String(input.variant as unknown)}`);
  }
}

function squareSvg(name: string, initials: string, fill: string): string {
  const size = 64;
  const fontSize = Array.from(initials).length > 1 ? 26 : 32;
  return svgDocument(size, size, name, [
    `<rect width="${size}" height="${size}" rx="14" fill="${fill}"/>`,
    textElement({ x: size / 2, y: size / 2, size: fontSize, weight: 700, fill: '#ffffff', anchor: 'middle' }, initials),
  ]);
}

function fullSvg(name: string, initials: string, fill: string): string {
  const height = 64;
  const fontSize = 22;
  const textX = 70;
  const width = Math.ceil(textX + estimateTextWidth(name, fontSize) + 18);
  return svgDocument(width, height, name, [
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" rx="12" fill="#ffffff" stroke="#d9dde3"/>`,
    `<rect x="10" y="10" width="44" height="44" rx="10" fill="${fill}"/>`,
    textElement(
      { x: 32, y: 32, size: Array.from(initials).length > 1 ? 18 : 22, weight: 700, fill: '#ffffff', anchor: 'middle' },
      initials,
    ),
    textElement({ x: textX, y: height / 2, size: fontSize, weight: 600, fill: '#1f2430', anchor: 'start' }, name),
  ]);
}

function buttonSvg(name: string, initials: string, fill: string): string {
  const label = `Connect to ${name}`;
  const height = 44;
  const fontSize = 15;
  const textX = 46;
  const width = Math.ceil(textX + estimateTextWidth(label, fontSize) + 16);
  return svgDocument(width, height, label, [
    `<rect width="${width}" height="${height}" rx="8" fill="${fill}"/>`,
    `<rect x="8" y="8" width="28" height="28" rx="6" fill="#ffffff"/>`,
    textElement(
      { x: 22, y: 22, size: Array.from(initials).length > 1 ? 12 : 14, weight: 700, fill, anchor: 'middle' },
      initials,
    ),
    textElement({ x: textX, y: height / 2, size: fontSize, weight: 600, fill: '#ffffff', anchor: 'start' }, label),
  ]);
}

/** The sandbox's stand-in for a "Powered by Codat" mark: plain words, not Codat's trademark. */
export function poweredBySvg(): string {
  const height = 28;
  const width = 150;
  return svgDocument(width, height, 'Powered by Codat', [
    textElement({ x: 0, y: height / 2, size: 12, weight: 500, fill: '#5b6472', anchor: 'start' }, 'Powered by'),
    textElement({ x: 70, y: height / 2, size: 16, weight: 800, fill: '#1f2430', anchor: 'start' }, 'Codat'),
  ]);
}

function svgDocument(width: number, height: number, label: string, body: string[]): string {
  const title = escapeXml(label);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ` role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    ...body,
    '</svg>',
  ].join('\n');
}

interface TextStyle {
  x: number;
  y: number;
  size: number;
  weight: number;
  fill: string;
  anchor: 'start' | 'middle';
}

function textElement(style: TextStyle, text: string): string {
  return (
    `<text x="${style.x}" y="${style.y}" dy="0.35em" text-anchor="${style.anchor}" font-family="${FONT_FAMILY}" ` +
    `font-size="${style.size}" font-weight="${style.weight}" fill="${style.fill}">${escapeXml(text)}</text>`
  );
}

/** Collapse whitespace, drop characters XML cannot carry, and cap the length so the image stays a sane size. */
function displayName(raw: string): string {
  const cleaned = stripXmlInvalid(raw).replace(/\s+/g, ' ').trim() || 'Unknown platform';
  const chars = Array.from(cleaned);
  return chars.length > MAX_NAME_CHARS ? `${chars.slice(0, MAX_NAME_CHARS - 1).join('')}…` : cleaned;
}

function stripXmlInvalid(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

function escapeXml(text: string): string {
  return stripXmlInvalid(text).replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Advance widths (in em) by character class, taken as upper bounds from DejaVu Sans Bold, the widest font the stack
 * is likely to fall back to. Narrower fonts just leave a little room on the right; nothing gets clipped.
 */
function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[ 'ijlIJ/\\,.]/.test(ch)) em += 0.38;
    else if (/[:;\-f!()[\]tr_`]/.test(ch)) em += 0.46;
    else if (/[*T?zcs"]/.test(ch)) em += 0.6;
    else if (/[yFYLxvkaeEo$0-9Phnu{}bdgpqVSZ]/.test(ch)) em += 0.73;
    else if (/[wmMW@%]/.test(ch)) em += 1.07;
    else if (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/.test(ch)) em += 1.05;
    else em += 0.88;
  }
  return em * fontSize;
}

interface Palette {
  base: string;
  hover: string;
}

/** Deterministic colour per key: hue and saturation from a hash, lightness lowered until white text is readable. */
function paletteFor(key: string): Palette {
  const hash = mix32(fnv1a(key.toLowerCase()));
  const hue = hash % 360;
  const saturation = 0.5 + ((hash >>> 9) % 25) / 100;
  let lightness = 0.46;
  while (lightness > 0.2 && contrastWithWhite(hslToRgb(hue, saturation, lightness)) < 4.6) lightness -= 0.01;
  const base = hslToRgb(hue, saturation, lightness);
  const hover = hslToRgb(hue, saturation, Math.max(0.08, lightness - 0.13));
  return { base: toHex(base), hover: toHex(hover) };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Final avalanche (from MurmurHash3) so that similar 4-letter keys still land on well-spread hues. */
function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

type Rgb = [number, number, number];

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const sector = hue / 60;
  const x = chroma * (1 - Math.abs((sector % 2) - 1));
  const [r, g, b]: Rgb =
    sector < 1
      ? [chroma, x, 0]
      : sector < 2
        ? [x, chroma, 0]
        : sector < 3
          ? [0, chroma, x]
          : sector < 4
            ? [0, x, chroma]
            : sector < 5
              ? [x, 0, chroma]
              : [chroma, 0, x];
  const m = lightness - chroma / 2;
  return [r + m, g + m, b + m].map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) as Rgb;
}

function contrastWithWhite(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
