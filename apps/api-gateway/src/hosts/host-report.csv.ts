import type { HostDto, HostReportColumn } from '@fleet/contracts';

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row; the columns were checked at the edge (`hostReportQuerySchema`). */
export function hostsCsv(hosts: readonly HostDto[], columns: readonly HostReportColumn[]): string {
  const lines = [columns.join(',')];
  for (const h of hosts) lines.push(columns.map((c) => cell(h[c])).join(','));
  return `${lines.join('\n')}\n`;
}
