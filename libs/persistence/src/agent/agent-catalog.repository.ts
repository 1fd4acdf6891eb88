import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { text } from './sql-values';
import type { AgentCatalog, AgentPack, AgentPackQuery } from '@fleet/domain';

type Row = Record<string, unknown>;

function jsonObject(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(Number(v)));

/** Reads, in a few statements, every setting that decides what agents are asked to run. */
export abstract class AgentCatalogRepository {
  abstract load(): Promise<AgentCatalog>;
  /** Hosts that belong to any of the labels (for pack targeting). */
  abstract labelIdsOfHost(hostId: number): Promise<number[]>;
}

@Injectable()
export class MysqlAgentCatalogRepository extends AgentCatalogRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async load(): Promise<AgentCatalog> {
    const [app, teams, queries, labels, policies, packs, targets, scheduled] = await Promise.all([
      this.ds.query<Row[]>('SELECT json_value FROM app_config_json WHERE id = 1'),
      this.ds.query<Row[]>('SELECT id, config FROM teams'),
      this.ds.query<Row[]>(`SELECT id, team_id, name, query, schedule_interval, platform, min_osquery_version, logging_type,
        automations_enabled, discard_data FROM queries WHERE schedule_interval > 0`),
      this.ds.query<Row[]>('SELECT id, query, platform FROM labels WHERE label_membership_type = 0 ORDER BY id'),
      this.ds.query<Row[]>('SELECT id, team_id, query, platforms FROM policies ORDER BY id'),
      this.ds.query<Row[]>('SELECT id, name, platform FROM packs WHERE disabled = 0'),
      this.ds.query<Row[]>('SELECT pack_id, target_type, target_id FROM pack_targets'),
      this.ds.query<Row[]>(`SELECT sq.pack_id, sq.name, q.query, sq.schedule_interval, sq.snapshot, sq.removed, sq.platform, sq.version,
        sq.shard, sq.denylist FROM scheduled_queries sq JOIN queries q ON q.id = sq.query_id`),
    ]);
    const teamConfigs = new Map<number, Record<string, unknown>>();
    for (const t of teams) teamConfigs.set(Number(t['id']), jsonObject(t['config']));
    return {
      appConfig: jsonObject(app[0]?.['json_value']),
      teamConfigs,
      scheduledQueries: queries.map((q) => ({
        id: Number(q['id']),
        teamId: q['team_id'] === null ? null : Number(q['team_id']),
        name: text(q['name']),
        query: text(q['query']),
        interval: Number(q['schedule_interval']),
        platform: text(q['platform']),
        minOsqueryVersion: text(q['min_osquery_version']),
        logging: (text(q['logging_type']) || 'snapshot'),
        automationsEnabled: Boolean(Number(q['automations_enabled'])),
        discardData: Boolean(Number(q['discard_data'])),
      })),
      labels: labels.map((l) => ({ id: Number(l['id']), query: text(l['query']), platform: text(l['platform']) })),
      policies: policies.map((p) => ({
        id: Number(p['id']),
        teamId: p['team_id'] === null ? null : Number(p['team_id']),
        query: text(p['query']),
        platforms: text(p['platforms']),
      })),
      packs: packs.map((p): AgentPack => {
        const id = Number(p['id']);
        const ofType = (t: number): number[] => targets.filter((x) => Number(x['pack_id']) === id && Number(x['target_type']) === t).map((x) => Number(x['target_id']));
        const packQueries = scheduled.filter((s) => Number(s['pack_id']) === id).map((s): AgentPackQuery => ({
          name: text(s['name']),
          query: text(s['query']),
          interval: Number(s['schedule_interval']),
          snapshot: bool(s['snapshot']),
          removed: bool(s['removed']),
          platform: text(s['platform']),
          version: text(s['version']),
          shard: s['shard'] === null ? null : Number(s['shard']),
          denylist: bool(s['denylist']),
        }));
        return { id, name: text(p['name']), platform: text(p['platform']), labelIds: ofType(0), hostIds: ofType(1), teamIds: ofType(2), queries: packQueries };
      }),
    };
  }

  async labelIdsOfHost(hostId: number): Promise<number[]> {
    const rows = await this.ds.query<Row[]>('SELECT label_id FROM label_membership WHERE host_id = ?', [hostId]);
    return rows.map((r) => Number(r['label_id']));
  }
}
