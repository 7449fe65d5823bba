/**
 * CSV exports (RFC 4180) that are also safe to open in a spreadsheet. Every export goes through this writer: company
 * and platform names, Codat's error texts and our own fields alike. Pure: downloading is in download.ts.
 */

/** A cell is text, or a number written as it is (a negative number is a number, not a formula). */
export type CsvCell = string | number;

export type CsvColumns<T> = ReadonlyArray<readonly [header: string, cell: (row: T) => CsvCell]>;

/**
 * What a spreadsheet reads as the start of a formula: = + - @, their fullwidth and small forms (an East Asian
 * locale may read ＝ as =) and the minus sign U+2212.
 */
const formulaStart = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212';

/**
 * Where a piece of text would start a spreadsheet cell: at the start of the field, and after a ";" or a line break,
 * because Excel where the list separator is ";" opens a comma-separated file split there, whatever the quotes say
 * after the first column. Blanks (not line breaks) before the formula character count as part of the piece.
 */
const formulaPiece = new RegExp(`(^|[;\\r\\n])(?=[^\\S\\r\\n]*[${formulaStart}])`, 'g');

/**
 * Text a spreadsheet shows as text: each piece that would run as a formula gets a leading apostrophe (OWASP's
 * advice), and so does a field that starts with a tab, CR or LF (some spreadsheets drop it and read what follows).
 */
function inertText(text: string): string {
  const inert = text.replace(formulaPiece, "$1'");
  return /^[\t\r\n]/.test(inert) ? `'${inert}` : inert;
}

/** One field, always quoted (a quote inside doubled), so no separator or line break in it can end it. */
export function csvField(value: CsvCell): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : inertText(value);
  return `"${text.replaceAll('"', '""')}"`;
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
