import type { DataSource } from 'typeorm';

type Row = Record<string, unknown>;

export interface HostPolicyRow { readonly row: Row; readonly passes: boolean | null }

/** The arrays of the host detail (labels, policies with this host's response, software, users). */
export class HostDetailRepository {
  constructor(private readonly ds: DataSource) {}

  labels(hostId: number): Promise<Row[]> {
    return this.ds.query<Row[]>(
      `SELECT l.* FROM labels l JOIN label_membership lm ON lm.label_id = l.id WHERE lm.host_id = ? ORDER BY l.id`, [hostId]);
  }

  /** Global policies and the host's team's policies, with the host's latest response (null = none yet). */
  async policies(hostId: number, teamId: number | null): Promise<HostPolicyRow[]> {
    const rows = await this.ds.query<Row[]>(
      `SELECT p.*, pm.passes AS host_passes FROM policies p LEFT JOIN policy_membership pm ON pm.policy_id = p.id AND pm.host_id = ?
       WHERE p.team_id IS NULL OR p.team_id = ? ORDER BY p.id`, [hostId, teamId ?? -1]);
    return rows.map((r) => ({ row: r, passes: r['host_passes'] === null || r['host_passes'] === undefined ? null : Number(r['host_passes']) === 1 }));
  }

  software(hostId: number): Promise<Row[]> {
    return this.ds.query<Row[]>(
      `SELECT s.id, s.name, s.version, s.source, s.vendor, s.release, s.arch, s.bundle_identifier, hs.last_opened_at
       FROM host_software hs JOIN software s ON s.id = hs.software_id WHERE hs.host_id = ? ORDER BY s.name, s.version`, [hostId]);
  }

  users(hostId: number): Promise<Row[]> {
    return this.ds.query<Row[]>('SELECT * FROM host_users WHERE host_id = ? ORDER BY uid, username', [hostId]);
  }
}
