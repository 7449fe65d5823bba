import { describe, expect, it } from 'vitest';
import { csvField, datedFileName, toCsv } from '../../src/renderer/csv';

describe('CSV export', () => {
  it('quotes per RFC 4180 and ends every record with CRLF', () => {
    const csv = toCsv(
      [
        ['Name', (row: { name: string; note: string }) => row.name],
        ['Note', (row) => row.note],
      ],
      [
        { name: 'Smith, Jones & Co', note: 'said "hello"' },
        { name: 'Plain', note: 'two\nlines' },
      ],
    );
    expect(csv).toBe('Name,Note\r\n"Smith, Jones & Co","said ""hello"""\r\nPlain,"two\nlines"\r\n');
  });

  it.each(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx'])(
    'keeps %j from running as a spreadsheet formula',
    (value) => {
      expect(csvField(value).replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('names files by the local date', () => {
    expect(datedFileName('audit', new Date(2026, 2, 4))).toBe('linkdesk-audit-2026-03-04.csv');
  });
});
