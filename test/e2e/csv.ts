import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/** RFC 4180 fields and records (the test's own reading, independent of the page's writer). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('The CSV does not end with CRLF.');
  return records;
}

/** Presses the page's "Export CSV" and reads the file it downloads. */
export async function exportCsv(page: Page): Promise<{ fileName: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const path = await file.path();
  return { fileName: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}
