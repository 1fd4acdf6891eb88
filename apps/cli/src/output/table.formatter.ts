/**
 * Fleet's tables (tablewriter with borders): a header row in capitals, `+---+` rules, cells padded to the
 * widest value of their column. Multi-line cells are flattened to one line so every row stays one line.
 */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cells = rows.map((r) => r.map(cellText));
  const head = headers.map((h) => h.toUpperCase());
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (vals: readonly string[]): string => `| ${vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [rule, line(head), rule, ...cells.map(line), rule].join('\n') + '\n';
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return (typeof v === 'string' ? v : JSON.stringify(v)).replace(/\s*\n\s*/g, ' ');
}
