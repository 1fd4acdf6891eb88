import type { DataSource } from 'typeorm';
import type { LabelRef } from '@fleet/domain';

type Row = Record<string, unknown>;

/**
 * One host's manual-label membership, set by hand (`POST`/`DELETE /hosts/:id/labels`). Only the API writes
 * manual labels' members; the ingest role writes dynamic labels' only (agent-data.repository.ts).
 */
export class HostLabelRepository {
  constructor(private readonly ds: DataSource) {}

  /** The labels of these exact names; names with no label are absent. */
  async byNames(names: readonly string[]): Promise<LabelRef[]> {
    if (names.length === 0) return [];
    const rows = await this.ds.query<Row[]>('SELECT id, name, label_membership_type FROM labels WHERE name IN (?)', [names]);
    return rows.map((r) => ({ id: Number(r['id']), name: String(r['name']), manual: Number(r['label_membership_type']) === 1 }));
  }

  /** Adds the host to manual labels; a label it is already in keeps its row. Dynamic labels are never touched. */
  async add(hostId: number, labelIds: readonly number[]): Promise<void> {
    if (labelIds.length === 0) return;
    await this.ds.query(
      'INSERT IGNORE INTO label_membership (label_id, host_id) SELECT id, ? FROM labels WHERE id IN (?) AND label_membership_type = 1', [hostId, labelIds]);
  }

  /** Takes the host out of manual labels. Dynamic labels are never touched. */
  async remove(hostId: number, labelIds: readonly number[]): Promise<void> {
    if (labelIds.length === 0) return;
    await this.ds.query(
      'DELETE lm FROM label_membership lm JOIN labels l ON l.id = lm.label_id WHERE lm.host_id = ? AND lm.label_id IN (?) AND l.label_membership_type = 1',
      [hostId, labelIds]);
  }
}
