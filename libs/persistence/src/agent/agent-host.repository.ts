import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgentHost } from '@fleet/domain';
import type { EnrollInput, EnrollOutcome } from './agent-host.types';
import { epochMs, sqlTime, text } from './sql-values';
import { vitalsAssignments } from './host-vitals.columns';
import { errorCode, withDeadlockRetry } from './deadlock-retry';

const HOST_COLUMNS = `id, node_key, osquery_host_id, team_id, platform, hostname, refetch_requested,
  detail_updated_at, label_updated_at, policy_updated_at, last_enrolled_at`;

type HostRow = Record<string, unknown>;

function toAgentHost(row: HostRow): AgentHost {
  return {
    id: Number(row['id']),
    nodeKey: text(row['node_key']),
    osqueryHostId: text(row['osquery_host_id']),
    teamId: row['team_id'] === null ? null : Number(row['team_id']),
    platform: text(row['platform']),
    hostname: text(row['hostname']),
    refetchRequested: Boolean(Number(row['refetch_requested'])),
    detailUpdatedAt: epochMs(row['detail_updated_at']),
    labelUpdatedAt: epochMs(row['label_updated_at']),
    policyUpdatedAt: epochMs(row['policy_updated_at']),
    lastEnrolledAt: epochMs(row['last_enrolled_at']),
  };
}

/** Hosts as the agent API sees them: lookup by node key, and enrollment. */
export abstract class AgentHostRepository {
  abstract findByNodeKey(nodeKey: string): Promise<AgentHost | null>;
  abstract enroll(input: EnrollInput): Promise<EnrollOutcome>;
  /** The team of an enroll secret: a team id, null for a global secret, undefined for an unknown secret. */
  abstract teamForEnrollSecret(secret: string): Promise<number | null | undefined>;
}

@Injectable()
export class MysqlAgentHostRepository extends AgentHostRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async findByNodeKey(nodeKey: string): Promise<AgentHost | null> {
    const rows = await this.ds.query<HostRow[]>(`SELECT ${HOST_COLUMNS} FROM hosts WHERE node_key = ?`, [nodeKey]);
    return rows[0] ? toAgentHost(rows[0]) : null;
  }

  async teamForEnrollSecret(secret: string): Promise<number | null | undefined> {
    const rows = await this.ds.query<Array<{ team_id: number | null }>>('SELECT team_id FROM enroll_secrets WHERE secret = ?', [secret]);
    if (!rows[0]) return undefined;
    return rows[0].team_id === null ? null : Number(rows[0].team_id);
  }

  /**
   * Fleet's enroll: match by identifier; a new host starts with every refresh due and refetch requested;
   * a known host gets the new node key (the old one stops working), moves to the secret's team and loses
   * its policy results. A new identifier is inserted without a prior locking read: `SELECT ... FOR UPDATE`
   * on a missing key takes a gap lock, and two hosts enrolling at once would deadlock on it. When two
   * enrolls of one identifier race, the loser's insert fails on the unique key and it takes the re-enroll
   * path, which locks the existing row.
   */
  async enroll(input: EnrollInput): Promise<EnrollOutcome> {
    return withDeadlockRetry(async () => {
      const found = await this.ds.query<HostRow[]>('SELECT id FROM hosts WHERE osquery_host_id = ?', [input.identifier]);
      if (!found[0]) {
        const created = await this.insertHost(input);
        if (created) return created;
      }
      return this.reenroll(input);
    }, 6);
  }

  private async insertHost(input: EnrollInput): Promise<EnrollOutcome | undefined> {
    const now = sqlTime(input.now.getTime());
    const [vitalsSql, vitalsParams] = vitalsAssignments(input.vitals);
    let id: number;
    try {
      const result = await this.ds.query<{ insertId: number }>(
        `INSERT INTO hosts SET osquery_host_id = ?, node_key = ?, team_id = ?, refetch_requested = 1, last_enrolled_at = ?, public_ip = ?${vitalsSql ? `, ${vitalsSql}` : ''}`,
        [input.identifier, input.nodeKey, input.teamId, now, input.publicIp, ...vitalsParams],
      );
      id = result.insertId;
    } catch (err) {
      if (errorCode(err) === 'ER_DUP_ENTRY') return undefined;
      throw err;
    }
    await this.ds.query("INSERT IGNORE INTO label_membership (label_id, host_id) SELECT id, ? FROM labels WHERE name = 'All Hosts' AND label_type = 1", [id]);
    await this.ds.query('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?) ON DUPLICATE KEY UPDATE seen_time = VALUES(seen_time)', [id, now]);
    const rows = await this.ds.query<HostRow[]>(`SELECT ${HOST_COLUMNS} FROM hosts WHERE id = ?`, [id]);
    return { kind: 'enrolled', host: toAgentHost(rows[0]), reenrolled: false, previousNodeKey: null };
  }

  /** The existing row, locked (a record lock: the key exists), gets the new key, team and enroll time. */
  private async reenroll(input: EnrollInput): Promise<EnrollOutcome> {
    return this.ds.transaction(async (tx) => {
      const existing = await tx.query<HostRow[]>(`SELECT ${HOST_COLUMNS} FROM hosts WHERE osquery_host_id = ? FOR UPDATE`, [input.identifier]);
      const row = existing[0];
      if (!row) throw Object.assign(new Error('host vanished during enroll'), { code: 'ER_LOCK_DEADLOCK' });
      const last = epochMs(row['last_enrolled_at']);
      if (input.cooldownMs > 0 && input.now.getTime() - last < input.cooldownMs) return { kind: 'too_soon', lastEnrolledAt: new Date(last) };
      const now = sqlTime(input.now.getTime());
      const [vitalsSql, vitalsParams] = vitalsAssignments(input.vitals);
      await tx.query(
        `UPDATE hosts SET node_key = ?, team_id = ?, last_enrolled_at = ?, public_ip = ?${vitalsSql ? `, ${vitalsSql}` : ''} WHERE id = ?`,
        [input.nodeKey, input.teamId, now, input.publicIp, ...vitalsParams, row['id']],
      );
      await tx.query('DELETE FROM policy_membership WHERE host_id = ?', [row['id']]);
      await tx.query('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?) ON DUPLICATE KEY UPDATE seen_time = VALUES(seen_time)', [row['id'], now]);
      const updated = await tx.query<HostRow[]>(`SELECT ${HOST_COLUMNS} FROM hosts WHERE id = ?`, [row['id']]);
      return { kind: 'enrolled', host: toAgentHost(updated[0]), reenrolled: true, previousNodeKey: text(row['node_key']) || null };
    });
  }
}
