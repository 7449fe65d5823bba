/**
 * Knows every secret main holds (API keys, their Basic header forms) and scrubs them from anything that leaves
 * main: bridge answers and errors, event payloads, log lines, reports.
 */
export interface Redactor {
  add(secret: string): void;
  remove(secret: string): void;
  redact(text: string): string;
  /** A copy of a JSON-like value with every string (object keys included) redacted. */
  redactValue<T>(value: T): T;
}

export const redactedMark = '[redacted]';

/** Forms shorter than this are not secrets but noise (and would redact ordinary words). */
const shortestForm = 6;

/**
 * Every form a key can take in text: as typed, URL-encoded, and base64 in its usual variants (padded or not,
 * standard or URL-safe, URL-encoded), since a Basic header carries base64(key). A pasted `Basic …` header
 * contributes its payload and the key inside it.
 */
export function secretForms(secret: string): string[] {
  const trimmed = secret.trim();
  const forms = new Set<string>();
  const basic = /^Basic\s+(.+)$/i.exec(trimmed);
  const keys = [trimmed];
  if (basic?.[1]) {
    keys.push(basic[1]);
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    // Only a clean round trip is the key itself; anything else is just the payload, still scrubbed above.
    if (decoded && Buffer.from(decoded).toString('base64').replace(/=+$/, '') === basic[1].replace(/=+$/, ''))
      keys.push(decoded);
  }
  for (const key of keys) {
    const base64 = Buffer.from(key).toString('base64');
    const base64url = Buffer.from(key).toString('base64url');
    for (const form of [
      key,
      encodeURIComponent(key),
      base64,
      base64.replace(/=+$/, ''),
      base64url,
      base64url.padEnd(Math.ceil(base64url.length / 4) * 4, '='),
      encodeURIComponent(base64),
    ])
      forms.add(form);
  }
  return [...forms].filter((form) => form.length >= shortestForm);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `%2B` and `%2b` are the same byte: match percent-escapes in either case. */
function percentEscapesInAnyCase(pattern: string): string {
  return pattern.replace(/%([0-9A-F])([0-9A-F])/g, (_match, high: string, low: string) => {
    const either = (digit: string) => (/[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit);
    return `%${either(high)}${either(low)}`;
  });
}

/** Applies `redact` to every string in a JSON-like value; other values are kept as they are. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return redact(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype) {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [redact(key), walk(entry)]));
    }
    return item;
  };
  return walk(value) as T;
}

export function createRedactor(): Redactor {
  const secrets = new Map<string, number>();
  let pattern: RegExp | null = null;
  let probe: RegExp | null = null;
  /** Whether a form would look different inside JSON text (a quote, a backslash, a control character). */
  let jsonAltersAForm = false;
  const rebuild = () => {
    const forms = [...secrets.keys()].sort((a, b) => b.length - a.length);
    const source = forms.map((form) => percentEscapesInAnyCase(escapeRegExp(form))).join('|');
    pattern = forms.length ? new RegExp(source, 'g') : null;
    probe = forms.length ? new RegExp(source) : null;
    jsonAltersAForm = forms.some((form) => JSON.stringify(form) !== `"${form}"`);
  };
  const redact = (text: string) => (pattern ? text.replace(pattern, redactedMark) : text);
  /** One search over the serialised value first: most answers hold no secret and need no copy. */
  const mentionsASecret = (value: unknown) => {
    if (!probe) return false;
    if (jsonAltersAForm) return true;
    try {
      return probe.test(JSON.stringify(value) ?? '');
    } catch {
      return true;
    }
  };
  return {
    add(secret) {
      for (const form of secretForms(secret)) secrets.set(form, (secrets.get(form) ?? 0) + 1);
      rebuild();
    },
    remove(secret) {
      for (const form of secretForms(secret)) {
        const count = (secrets.get(form) ?? 1) - 1;
        if (count <= 0) secrets.delete(form);
        else secrets.set(form, count);
      }
      rebuild();
    },
    redact,
    redactValue: (value) => (mentionsASecret(value) ? redactDeep(value, redact) : value),
  };
}
