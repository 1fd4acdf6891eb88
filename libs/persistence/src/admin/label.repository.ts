import type { DataSource } from 'typeorm';
import type { Label, LabelInput, LabelPatch, ListOptions, Page, TeamScope } from '@fleet/domain';
import { orderAndLimit, toPage } from './sql-page';
import { teamScopeSql } from './team-scope';

type Row = Record<string, unknown>;
const SELECT = 'SELECT l.*, (SELECT COUNT(*) FROM label_membership lm WHERE lm.label_id = l.id) AS host_count FROM labels l';

/** Labels with `host_count` counting only the members among the hosts of `scope`, as Fleet counts for the caller. */
function selectScoped(scope: TeamScope): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: SELECT, params: [] };
  const s = teamScopeSql('h.team_id', scope);
  return {
    sql: `SELECT l.*, (SELECT COUNT(*) FROM label_membership lm JOIN hosts h ON h.id = lm.host_id WHERE lm.label_id = l.id AND ${s.sql}) AS host_count FROM labels l`,
    params: s.params,
  };
}

const toLabel = (r: Row): Label => ({
  id: Number(r['id']), name: String(r['name']), description: String(r['description']), query: String(r['query']), platform: String(r['platform']),
  builtin: Number(r['label_type']) === 1, manual: Number(r['label_membership_type']) === 1, hostCount: Number(r['host_count'] ?? 0),
  createdAt: r['created_at'] as Date, updatedAt: r['updated_at'] as Date,
});

/** Labels are global objects; manual labels' membership is set here, dynamic ones by the ingest role. */
export class LabelRepository {
  constructor(private readonly ds: DataSource) {}

  /** A page of labels; `hostCount` counts the members among the hosts of `scope`. */
  async list(opts: ListOptions, scope: TeamScope): Promise<Page<Label>> {
    const sel = selectScoped(scope);
    const rows = await this.ds.query<Row[]>(`${sel.sql}${orderAndLimit(opts, { name: 'l.name', id: 'l.id', created_at: 'l.created_at' }, 'l.id')}`, sel.params);
    return toPage(rows.map(toLabel), opts);
  }

  async builtins(): Promise<Label[]> {
    return (await this.ds.query<Row[]>(`SELECT l.*, 0 AS host_count FROM labels l WHERE l.label_type = 1 ORDER BY l.id`)).map(toLabel);
  }

  /** A label; `hostCount` counts the members among the hosts of `scope`. */
  async findById(id: number, scope: TeamScope): Promise<Label | null> {
    const sel = selectScoped(scope);
    const [row] = await this.ds.query<Row[]>(`${sel.sql} WHERE l.id = ?`, [...sel.params, id]);
    return row ? toLabel(row) : null;
  }

  async findByName(name: string): Promise<Label | null> {
    const [row] = await this.ds.query<Row[]>(`${SELECT} WHERE l.name = ?`, [name]);
    return row ? toLabel(row) : null;
  }

  async create(input: LabelInput): Promise<number> {
    const res = await this.ds.query<{ insertId: number }>(
      'INSERT INTO labels (name, description, query, platform, label_type, label_membership_type, author_id) VALUES (?, ?, ?, ?, 0, ?, ?)',
      [input.name, input.description, input.query, input.platform, input.manual ? 1 : 0, input.authorId]);
    return res.insertId;
  }

  /** Name and description from the REST API; spec applies may also set query, platform and membership type. */
  async update(id: number, patch: LabelPatch): Promise<void> {
    const cols: Array<[string, unknown]> = [];
    if (patch.name !== undefined) cols.push(['name', patch.name]);
    if (patch.description !== undefined) cols.push(['description', patch.description]);
    if (patch.query !== undefined) cols.push(['query', patch.query]);
    if (patch.platform !== undefined) cols.push(['platform', patch.platform]);
    if (patch.manual !== undefined) cols.push(['label_membership_type', patch.manual ? 1 : 0]);
    if (cols.length === 0) return;
    await this.ds.query(`UPDATE labels SET ${cols.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map(([, v]) => v), id]);
  }

  /** Host ids of a manual label, for its spec. */
  async hostIdentifiers(id: number): Promise<string[]> {
    const rows = await this.ds.query<Row[]>('SELECT h.hostname FROM label_membership lm JOIN hosts h ON h.id = lm.host_id WHERE lm.label_id = ? ORDER BY h.hostname', [id]);
    return rows.map((r) => String(r['hostname']));
  }

  async findByNames(names: readonly string[]): Promise<Label[]> {
    if (names.length === 0) return [];
    return (await this.ds.query<Row[]>(`${SELECT} WHERE l.name IN (?)`, [names])).map(toLabel);
  }

  /** Replaces a manual label's hosts; members that stay keep their rows, so an unchanged list writes nothing. */
  async setHosts(id: number, hostIds: readonly number[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (hostIds.length === 0) await m.query('DELETE FROM label_membership WHERE label_id = ?', [id]);
      else {
        await m.query('DELETE FROM label_membership WHERE label_id = ? AND host_id NOT IN (?)', [id, hostIds]);
        await m.query('INSERT IGNORE INTO label_membership (label_id, host_id) VALUES ?', [hostIds.map((h) => [id, h])]);
      }
    });
  }

  async delete(id: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM label_membership WHERE label_id = ?', [id]);
      await m.query('DELETE FROM pack_targets WHERE target_type = 0 AND target_id = ?', [id]);
      await m.query('DELETE FROM labels WHERE id = ?', [id]);
    });
  }

  /** Resolves host identifiers (hostname, uuid, serial) to ids, for manual labels. */
  async hostIdsFor(identifiers: readonly string[]): Promise<number[]> {
    if (identifiers.length === 0) return [];
    const rows = await this.ds.query<Row[]>('SELECT id FROM hosts WHERE hostname IN (?) OR uuid IN (?) OR hardware_serial IN (?)', [identifiers, identifiers, identifiers]);
    return rows.map((r) => Number(r['id']));
  }
}
