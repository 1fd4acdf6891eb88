import type { DataSource } from 'typeorm';

/** The host facts log routing rules may consult beyond what the agent's own host record holds. */
export class LogRoutingFactsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Team id → name, every team. */
  async teamNames(): Promise<Map<number, string>> {
    const rows = await this.ds.query<Array<{ id: number; name: string }>>('SELECT id, name FROM teams');
    return new Map(rows.map((r) => [Number(r.id), String(r.name)]));
  }

  /** Names of the labels each of `hostIds` is a member of (hosts without labels are absent). */
  async labelNames(hostIds: readonly number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (hostIds.length === 0) return out;
    const rows = await this.ds.query<Array<{ host_id: number; name: string }>>(
      'SELECT lm.host_id, l.name FROM label_membership lm JOIN labels l ON l.id = lm.label_id WHERE lm.host_id IN (?)', [hostIds]);
    for (const r of rows) {
      const id = Number(r.host_id);
      const list = out.get(id) ?? [];
      list.push(String(r.name));
      out.set(id, list);
    }
    return out;
  }

  /** Team, platform and osquery identifier of each of `hostIds` that exists. */
  async hosts(hostIds: readonly number[]): Promise<Map<number, { teamId: number | null; platform: string; osqueryHostId: string }>> {
    const out = new Map<number, { teamId: number | null; platform: string; osqueryHostId: string }>();
    if (hostIds.length === 0) return out;
    const rows = await this.ds.query<Array<{ id: number; team_id: number | null; platform: string; osquery_host_id: string | null }>>(
      'SELECT id, team_id, platform, osquery_host_id FROM hosts WHERE id IN (?)', [hostIds]);
    for (const r of rows) out.set(Number(r.id), { teamId: r.team_id === null ? null : Number(r.team_id), platform: String(r.platform ?? ''), osqueryHostId: String(r.osquery_host_id ?? '') });
    return out;
  }
}
