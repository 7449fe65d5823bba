/**
 * Knows every secret main holds (API keys, their Basic header forms) and scrubs them from any text that
 * leaves main: bridge errors, log lines, reports.
 */
export interface Redactor {
  add(secret: string): void;
  remove(secret: string): void;
  redact(text: string): string;
}

export const redactedMark = '[redacted]';

/** The forms a key can take in text: as typed, base64 for a Basic header, and a pasted header's payload. */
export function secretForms(secret: string): string[] {
  const trimmed = secret.trim();
  const forms = new Set<string>([trimmed]);
  const basic = /^Basic\s+(.+)$/i.exec(trimmed);
  if (basic?.[1]) {
    forms.add(basic[1]);
    try {
      forms.add(Buffer.from(basic[1], 'base64').toString('utf8'));
    } catch {
      // not base64: the header payload itself is still scrubbed
    }
  } else {
    forms.add(Buffer.from(trimmed).toString('base64'));
  }
  return [...forms].filter((form) => form.length >= 6);
}

export function createRedactor(): Redactor {
  const secrets = new Map<string, number>();
  let pattern: RegExp | null = null;
  const rebuild = () => {
    const forms = [...secrets.keys()].sort((a, b) => b.length - a.length);
    pattern = forms.length
      ? new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
      : null;
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
    redact(text) {
      return pattern ? text.replace(pattern, redactedMark) : text;
    },
  };
}
