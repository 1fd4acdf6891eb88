/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'string' ? value
    : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV text with a header line; each row is read by the columns' keys. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  const lines = [columns.map(field).join(',')];
  for (const record of rows) lines.push(columns.map((c) => field(record[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves `text` as a file the browser downloads. */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
