import type { HostDto, HostReportColumn } from '@fleet/contracts';

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 data lines of some hosts, each ending in a newline (empty for no hosts); the columns were checked at
 * the edge (`hostReportQuerySchema`).
 */
export function hostsCsvRows(hosts: readonly HostDto[], columns: readonly HostReportColumn[]): string {
  return hosts.map((h) => `${columns.map((c) => cell(h[c])).join(',')}\n`).join('');
}

/** The report as a stream of pieces: the header row, then one piece per batch of hosts, produced as they are read. */
export async function* hostsCsvStream(batches: AsyncIterable<readonly HostDto[]>, columns: readonly HostReportColumn[]): AsyncGenerator<string> {
  yield `${columns.join(',')}\n`;
  for await (const hosts of batches) yield hostsCsvRows(hosts, columns);
}

/** Each batch mapped item by item, lazily. */
export async function* mapBatches<A, B>(batches: AsyncIterable<readonly A[]>, f: (a: A) => B): AsyncGenerator<B[]> {
  for await (const batch of batches) yield batch.map(f);
}
