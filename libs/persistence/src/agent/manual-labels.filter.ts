import type { EntityManager } from 'typeorm';
import type { HostWriteMessage } from '@fleet/contracts';

/**
 * The writes without their results for manual labels. Agents are asked only dynamic labels' queries, but an
 * answer can name a manual label (a label made manual after its query went out, or an agent answering an
 * id it made up); a manual label's members are set by hand only, so such answers never reach its membership.
 * One indexed lookup per batch that carries label results.
 */
export async function withoutManualLabels(tx: EntityManager, writes: readonly HostWriteMessage[]): Promise<readonly HostWriteMessage[]> {
  const ids = new Set<number>();
  for (const w of writes) for (const id of Object.keys(w.labels ?? {})) ids.add(Number(id));
  if (ids.size === 0) return writes;
  const rows = await tx.query<Array<{ id: number }>>('SELECT id FROM labels WHERE id IN (?) AND label_membership_type = 1', [[...ids]]);
  if (rows.length === 0) return writes;
  const manual = new Set(rows.map((r) => Number(r.id)));
  return writes.map((w) => (w.labels ? { ...w, labels: Object.fromEntries(Object.entries(w.labels).filter(([id]) => !manual.has(Number(id)))) } : w));
}
