import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventHub } from '@main/bridge/events';
import { createRedactor, redactedMark } from '@main/security/redaction';

/** Every way a key can appear in text that leaves main. */
function encodings(key: string): Record<string, string> {
  const base64 = Buffer.from(key).toString('base64');
  const base64url = Buffer.from(key).toString('base64url');
  return {
    raw: key,
    base64,
    'base64 without padding': base64.replace(/=+$/, ''),
    base64url,
    'base64url with padding': base64url + '='.repeat((4 - (base64url.length % 4)) % 4),
    'URL-encoded base64': encodeURIComponent(base64),
    'URL-encoded base64, lower-case escapes': encodeURIComponent(base64).replace(/%[0-9A-F]{2}/g, (escape) =>
      escape.toLowerCase(),
    ),
    'URL-encoded raw key': encodeURIComponent(key),
    'Basic header': `Basic ${base64}`,
  };
}

/** Codat keys are alphanumeric; allow the punctuation a pasted or future key might carry too. */
const keyArbitrary = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~+/='.split('')),
  minLength: 8,
  maxLength: 64,
});
const surroundings = fc.string({ maxLength: 40 });

describe('redaction', () => {
  it('scrubs every encoding of a key from any text around it', () => {
    fc.assert(
      fc.property(
        keyArbitrary,
        fc.constantFrom(...Object.keys(encodings('x'))),
        surroundings,
        surroundings,
        (key, encoding, before, after) => {
          const redactor = createRedactor();
          redactor.add(key);
          const form = encodings(key)[encoding]!;
          const text = redactor.redact(`${before}${form}${after}`);
          expect(text).toContain(redactedMark);
          for (const leaked of Object.values(encodings(key))) expect(text).not.toContain(leaked);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('scrubs a pasted Basic header and every encoding of the key inside it', () => {
    fc.assert(
      fc.property(keyArbitrary, fc.constantFrom(...Object.keys(encodings('x'))), (key, encoding) => {
        const redactor = createRedactor();
        redactor.add(`Basic ${Buffer.from(key).toString('base64')}`);
        const text = redactor.redact(`failed: ${encodings(key)[encoding]!}.`);
        for (const leaked of Object.values(encodings(key))) expect(text).not.toContain(leaked);
      }),
      { numRuns: 300 },
    );
  });

  it('scrubs every string of a nested value, keys of objects included, and leaves the rest as it was', () => {
    const redactor = createRedactor();
    const key = 'live-key-0123456789abcdef';
    redactor.add(key);
    const value = {
      ok: true,
      count: 3,
      nothing: null,
      lastError: `Codat refused Basic ${Buffer.from(key).toString('base64')}`,
      notes: ['fine', `see ${encodeURIComponent(Buffer.from(key).toString('base64'))}`],
      nested: { [key]: { deeper: [{ text: Buffer.from(key).toString('base64url') }] } },
    };
    const redacted = redactor.redactValue(value);
    expect(JSON.stringify(redacted)).not.toMatch(/live-key|bGl2ZS1rZXkt/);
    expect(redacted).toMatchObject({ ok: true, count: 3, nothing: null, notes: ['fine', `see ${redactedMark}`] });
  });

  it('finds a key that JSON would escape (a quote, a backslash) inside a nested value too', () => {
    const redactor = createRedactor();
    const key = 'odd"key\\with-quote-1234';
    redactor.add(key);
    expect(redactor.redactValue({ deep: [{ text: `refused ${key}` }] })).toEqual({
      deep: [{ text: `refused ${redactedMark}` }],
    });
    expect(redactor.redactValue({ unrelated: 'nothing secret' })).toEqual({ unrelated: 'nothing secret' });
  });

  it('forgets a key once every holder removed it', () => {
    const redactor = createRedactor();
    redactor.add('shared-key-1234');
    redactor.add('shared-key-1234');
    redactor.remove('shared-key-1234');
    expect(redactor.redact('shared-key-1234')).toBe(redactedMark);
    redactor.remove('shared-key-1234');
    expect(redactor.redact('shared-key-1234')).toBe('shared-key-1234');
  });
});

describe('event payloads', () => {
  it('are redacted before any listener sees them', () => {
    const redactor = createRedactor();
    const key = 'event-key-abcdef0123';
    redactor.add(key);
    const hub = createEventHub({ redact: redactor.redactValue });
    const seen: unknown[] = [];
    hub.subscribe((_event, payload) => seen.push(payload));
    hub.emit('integrations.changed', {
      cachedAt: null,
      stale: false,
      offline: true,
      refreshing: false,
      progress: null,
      lastError: { code: 'network', message: `network error for ${Buffer.from(key).toString('base64')}` },
    });
    expect(JSON.stringify(seen)).not.toContain(Buffer.from(key).toString('base64'));
  });
});
