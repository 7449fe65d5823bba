/** Hands the text to the browser (or Electron) as a download. */
export function downloadCsv(csv: string, fileName: string): void {
  // The byte-order mark makes Excel read UTF-8 (curly quotes, accented names) instead of the local code page.
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started reading the blob yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
