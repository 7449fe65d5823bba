import { describe, expect, it } from 'vitest';
import { csvField, datedFileName, toCsv } from '@renderer/lib/csv';

describe('CSV export', () => {
  it('quotes every field per RFC 4180 and ends every record with CRLF', () => {
    const csv = toCsv(
      [
        ['Name', (row: { name: string; note: string }) => row.name],
        ['Note', (row) => row.note],
      ],
      [
        { name: 'Smith, Jones & Co', note: 'said "hello"' },
        { name: 'Plain', note: 'two\nlines' },
        { name: '', note: 'a\r\nb' },
      ],
    );
    expect(csv).toBe(
      '"Name","Note"\r\n"Smith, Jones & Co","said ""hello"""\r\n"Plain","two\nlines"\r\n"","a\r\nb"\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', `"'+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    // A tab, CR or LF first: some spreadsheets drop it and read what follows.
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['\nx', `"'\nx"`],
    // The first non-blank character counts, not the first character.
    [' =1+1', `"' =1+1"`],
    ['\u00A0\u3000@x', `"'\u00A0\u3000@x"`],
    // Fullwidth (and small) forms, which an East Asian locale may read as = + - @, and the minus sign U+2212.
    ['＝1+1', `"'＝1+1"`],
    ['＋1', `"'＋1"`],
    ['－1', `"'－1"`],
    ['＠SUM(A1)', `"'＠SUM(A1)"`],
    ['﹦1+1', `"'﹦1+1"`],
    ['\u22121+1', `"'\u22121+1"`],
  ])('keeps %j from running as a spreadsheet formula', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    // Excel where the list separator is ";" opens this comma-separated file split at every ";" and line break,
    // quotes or not after the first column: each piece that would start a cell is made inert too.
    ['Acme;=1+1', `"Acme;'=1+1"`],
    ['Acme; -2-3;x', `"Acme;' -2-3;x"`],
    ['Line one\n@SUM(A1)', `"Line one\n'@SUM(A1)"`],
    ['Line one\r\n\r\n=1+1', `"Line one\r\n\r\n'=1+1"`],
    ['no; really', `"no; really"`],
  ])('makes %j inert where a ";" or line break may start a cell', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ['Acme Ltd', '"Acme Ltd"'],
    ['Ltd - Acme', '"Ltd - Acme"'],
    ["'=already", `"'=already"`],
    ['a@b.co', '"a@b.co"'],
    ['2026-03-04T10:00:00.000Z', '"2026-03-04T10:00:00.000Z"'],
  ])('leaves %j as it is, quoted', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes numbers as numbers: a negative number is not a formula and keeps its sign', () => {
    expect(csvField(-12.5)).toBe('"-12.5"');
    expect(csvField(0)).toBe('"0"');
    expect(csvField(Number.NaN)).toBe('""');
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe('""');
    expect(toCsv([['Delta', (row: { delta: number }) => row.delta]], [{ delta: -3 }])).toBe('"Delta"\r\n"-3"\r\n');
  });

  it('names files by the local date', () => {
    expect(datedFileName('audit', new Date(2026, 2, 4))).toBe('linkdesk-audit-2026-03-04.csv');
  });
});
