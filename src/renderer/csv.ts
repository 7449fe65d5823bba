/** CSV exports (RFC 4180) that are also safe to open in a spreadsheet. Pure: downloading is in download.ts. */

export type CsvColumns<T> = ReadonlyArray<readonly [header: string, cell: (row: T) => string]>;

/**
 * One field. A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return) as a formula, so such
 * text (a company name is the customer's to choose) gets a leading apostrophe; then RFC 4180 quoting.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function toCsv<T>(columns: CsvColumns<T>, rows: readonly T[]): string {
  const lines = [columns.map(([header]) => csvField(header)).join(',')];
  for (const row of rows) lines.push(columns.map(([, cell]) => csvField(cell(row))).join(','));
  // RFC 4180 ends every record, the last included, with CRLF.
  return `${lines.join('\r\n')}\r\n`;
}

/** `linkdesk-<what>-2026-03-14.csv`, by the local date. */
export function datedFileName(what: string, now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `linkdesk-${what}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
