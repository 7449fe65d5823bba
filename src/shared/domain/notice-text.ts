/**
 * Text for desktop notifications, which show one short line per name and a few lines of body: names from Codat
 * (customers, platforms) are cleaned to one bounded line, and a list is cut to fit, saying how many more.
 */

/** One line, at most `limit` characters (an ellipsis says it was cut). */
export function oneLine(text: string, limit: number): string {
  // Control characters (a newline in a company name) would break the one-line layout.
  // eslint-disable-next-line no-control-regex
  const line = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > limit ? `${line.slice(0, limit - 1).trimEnd()}…` : line;
}

/** As many items as fit in `limit` characters, joined with "; ", then how many more (an item is far shorter). */
export function listWithin(items: readonly string[], limit: number): string {
  const kept: string[] = [];
  for (const text of items) {
    const last = kept.length === items.length - 1;
    // Room for "; … and 99 more" unless this is the last one.
    if ([...kept, text].join('; ').length > limit - (last ? 0 : 20)) break;
    kept.push(text);
  }
  const more = items.length - kept.length;
  return more > 0 ? `${kept.join('; ')}; … and ${more} more` : kept.join('; ');
}
