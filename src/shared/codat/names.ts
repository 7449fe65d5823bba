/** Codat silently removes characters outside its company-name pattern (docs/codat-api.md §3). */
const disallowed = /[^A-Za-z0-9\s\-',&@.?!]/g;

export function stripCompanyName(name: string): string {
  return name.replace(disallowed, '');
}

/** What Codat would store for this name, and which characters it would drop (each once, in order). */
export function previewCompanyName(typed: string): { name: string; removed: string[] } {
  const removed = [...new Set(typed.match(disallowed) ?? [])];
  return { name: stripCompanyName(typed).trim(), removed };
}
