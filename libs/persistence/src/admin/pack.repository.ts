import type { DataSource } from 'typeorm';
import type { ListOptions, Pack, PackFields, PackTargetNames, PackTargets, Page } from '@fleet/domain';
import { bool, orderAndLimit, toPage } from './sql-page';

/** pack_targets.target_type values (the agent config reads the same table). */
export const PACK_TARGET = { label: 0, host: 1, team: 2 } as const;

interface PackRow {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly platform: string;
  readonly disabled: number | boolean;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly query_count: number | string;
  readonly total_hosts_count: number | string;
}
interface TargetRow { readonly pack_id: number; readonly target_type: number; readonly target_id: number }
interface TargetNameRow { readonly pack_id: number; readonly target_type: number; readonly name: string }

const COLUMNS: ReadonlyArray<keyof PackFields> = ['name', 'description', 'platform', 'disabled'];
const TARGET_KEYS: ReadonlyArray<[keyof PackTargets, number]> = [['labelIds', PACK_TARGET.label], ['hostIds', PACK_TARGET.host], ['teamIds', PACK_TARGET.team]];
const SELECT = `SELECT p.*, (SELECT COUNT(*) FROM scheduled_queries sq WHERE sq.pack_id = p.id) AS query_count,
  (SELECT COUNT(*) FROM (
     SELECT pt.pack_id, pt.target_id AS host_id FROM pack_targets pt JOIN hosts h ON h.id = pt.target_id WHERE pt.target_type = ${PACK_TARGET.host}
     UNION SELECT pt.pack_id, lm.host_id FROM pack_targets pt JOIN label_membership lm ON lm.label_id = pt.target_id WHERE pt.target_type = ${PACK_TARGET.label}
     UNION SELECT pt.pack_id, h.id FROM pack_targets pt JOIN hosts h ON h.team_id = pt.target_id WHERE pt.target_type = ${PACK_TARGET.team}
   ) reach WHERE reach.pack_id = p.id) AS total_hosts_count
  FROM packs p`;

/** 2017 packs and their targets; names are unique. Scheduled queries live in ScheduledQueryRepository. */
export class PackRepository {
  constructor(private readonly ds: DataSource) {}

  async list(opts: ListOptions): Promise<Page<Pack>> {
    const rows = await this.ds.query<PackRow[]>(`${SELECT}${orderAndLimit(opts, { name: 'p.name', id: 'p.id', created_at: 'p.created_at', updated_at: 'p.updated_at' }, 'p.name')}`);
    return toPage(await this.withTargets(rows), opts);
  }

  async findById(id: number): Promise<Pack | null> {
    return (await this.withTargets(await this.ds.query<PackRow[]>(`${SELECT} WHERE p.id = ?`, [id])))[0] ?? null;
  }

  async findByName(name: string): Promise<Pack | null> {
    return (await this.withTargets(await this.ds.query<PackRow[]>(`${SELECT} WHERE p.name = ?`, [name])))[0] ?? null;
  }

  /** Every pack, by name (`fleetctl get packs`). */
  async all(): Promise<Pack[]> {
    return this.withTargets(await this.ds.query<PackRow[]>(`${SELECT} ORDER BY p.name`));
  }

  async create(f: PackFields, targets: PackTargets): Promise<number> {
    return this.ds.transaction(async (m) => {
      const res = await m.query<{ insertId: number }>(`INSERT INTO packs (${COLUMNS.join(', ')}) VALUES (?, ?, ?, ?)`, COLUMNS.map((k) => f[k]));
      await this.replaceTargetsWith(m.query.bind(m), res.insertId, targets);
      return res.insertId;
    });
  }

  /** Only the fields and target lists present are written; a target list that is present replaces that list. */
  async update(id: number, patch: Partial<PackFields>, targets: Partial<PackTargets>): Promise<void> {
    await this.ds.transaction(async (m) => {
      const cols = COLUMNS.filter((k) => patch[k] !== undefined);
      if (cols.length) await m.query(`UPDATE packs SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...cols.map((k) => patch[k]), id]);
      await this.replaceTargetsWith(m.query.bind(m), id, targets);
    });
  }

  /** Scheduled queries and targets go with the pack (ON DELETE CASCADE). */
  async delete(id: number): Promise<void> {
    await this.ds.query('DELETE FROM packs WHERE id = ?', [id]);
  }

  /** Label and team target names per pack, for `fleetctl get packs` (targets that no longer exist are left out). */
  async targetNames(): Promise<Map<number, PackTargetNames>> {
    const rows = await this.ds.query<TargetNameRow[]>(
      `SELECT pt.pack_id, pt.target_type, COALESCE(l.name, t.name) AS name FROM pack_targets pt
       LEFT JOIN labels l ON pt.target_type = ${PACK_TARGET.label} AND l.id = pt.target_id
       LEFT JOIN teams t ON pt.target_type = ${PACK_TARGET.team} AND t.id = pt.target_id
       WHERE pt.target_type IN (${PACK_TARGET.label}, ${PACK_TARGET.team}) AND COALESCE(l.name, t.name) IS NOT NULL ORDER BY name`);
    const out = new Map<number, PackTargetNames>();
    for (const r of rows) {
      const entry = out.get(Number(r.pack_id)) ?? { labels: [], teams: [] };
      (Number(r.target_type) === PACK_TARGET.label ? entry.labels : entry.teams).push(String(r.name));
      out.set(Number(r.pack_id), entry);
    }
    return out;
  }

  private async replaceTargetsWith(q: (sql: string, params?: unknown[]) => Promise<unknown>, id: number, targets: Partial<PackTargets>): Promise<void> {
    for (const [key, type] of TARGET_KEYS) {
      const ids = targets[key];
      if (ids === undefined) continue;
      await q('DELETE FROM pack_targets WHERE pack_id = ? AND target_type = ?', [id, type]);
      const unique = [...new Set(ids)];
      if (unique.length) await q('INSERT INTO pack_targets (pack_id, target_type, target_id) VALUES ?', [unique.map((t) => [id, type, t])]);
    }
  }

  private async withTargets(rows: PackRow[]): Promise<Pack[]> {
    if (rows.length === 0) return [];
    const targets = await this.ds.query<TargetRow[]>('SELECT pack_id, target_type, target_id FROM pack_targets WHERE pack_id IN (?) ORDER BY target_id',
      [rows.map((r) => r.id)]);
    const of = (packId: number, type: number) => targets.filter((t) => Number(t.pack_id) === packId && Number(t.target_type) === type).map((t) => Number(t.target_id));
    return rows.map((r) => {
      const id = Number(r.id);
      return {
        id, name: String(r.name), description: String(r.description), platform: String(r.platform), disabled: bool(r.disabled),
        createdAt: r.created_at, updatedAt: r.updated_at, queryCount: Number(r.query_count),
        totalHostsCount: Number(r.total_hosts_count), labelIds: of(id, PACK_TARGET.label), hostIds: of(id, PACK_TARGET.host), teamIds: of(id, PACK_TARGET.team),
      };
    });
  }
}
