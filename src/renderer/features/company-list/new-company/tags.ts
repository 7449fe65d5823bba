/**
 * Company tags typed as `key=value` lines. Codat allows 10 tags (keys 1–27 characters, values up to 100);
 * Linkdesk keeps one for itself, so people get 9.
 */
export const maxTags = 9;
export const maxTagKeyLength = 27;
export const maxTagValueLength = 100;

export interface ParsedTags {
  tags: Record<string, string>;
  count: number;
  /** One plain sentence per problem, naming the line. */
  errors: string[];
}

export function parseTags(text: string): ParsedTags {
  const tags: Record<string, string> = {};
  const lineOfKey = new Map<string, number>();
  const errors: string[] = [];
  let count = 0;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.trim();
    if (line === '') return; // blank lines are just spacing
    const equals = line.indexOf('=');
    if (equals === -1) {
      errors.push(`Line ${lineNumber}: “${shorten(line)}” has no “=”. Write it as key=value.`);
      return;
    }
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    count += 1;
    if (key === '') {
      errors.push(`Line ${lineNumber}: the key before “=” is empty.`);
    } else if (key.length > maxTagKeyLength) {
      errors.push(`Line ${lineNumber}: the key is ${key.length} characters; keys can be at most ${maxTagKeyLength}.`);
    } else if (lineOfKey.has(key)) {
      errors.push(`Line ${lineNumber}: the key “${key}” is already used on line ${lineOfKey.get(key)}.`);
    }
    if (value.length > maxTagValueLength) {
      errors.push(
        `Line ${lineNumber}: the value is ${value.length} characters; values can be at most ${maxTagValueLength}.`,
      );
    }
    if (key !== '' && !lineOfKey.has(key)) lineOfKey.set(key, lineNumber);
    tags[key] = value;
  });
  if (count > maxTags) errors.unshift(`${count} tags: a company can have at most ${maxTags} here.`);
  return { tags, count, errors };
}

function shorten(text: string) {
  return text.length > 30 ? `${text.slice(0, 29)}…` : text;
}
