/** What an account manager types into the company search, one request per keystroke, and how figures are read. */
export const typeAheadWords = [
  'h',
  'ha',
  'har',
  'harb',
  'harbour',
  'c1',
  'c12',
  'c123',
  'bak',
  'bakery',
  'scen',
  'plumb',
  'wil',
  'willow',
];

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
