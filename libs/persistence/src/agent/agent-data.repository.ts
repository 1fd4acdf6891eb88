import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { HostWriteMessage, QueryReportMessage } from '@fleet/contracts';
import { hostRowAssignments, hostRowStatements } from './host-row.updates';
import { withDeadlockRetry } from './deadlock-retry';
import { withoutManualLabels } from './manual-labels.filter';
import { pairKeyCondition } from '../pair-key.sql';
import { HostSoftwareWriter } from './host-software.writer';
import type { HostForSoftware, YieldPoint } from './host-software.writer';
import { sqlTime, text } from './sql-values';

const MEMBERSHIP_ROWS = 1000;

/**
 * Batched writes of what agents report. One call writes a whole batch of hosts in one transaction with
 * multi-row statements, instead of one transaction per check-in. Every write is idempotent: replaying a
 * batch (after a worker died before acknowledging it) leaves the same state.
 */
export abstract class AgentDataRepository {
  abstract applyHostWrites(writes: readonly HostWriteMessage[], turn?: YieldPoint): Promise<void>;
  abstract recordSeen(seen: ReadonlyArray<readonly [hostId: number, at: number]>): Promise<void>;
  abstract replaceQueryReports(reports: readonly QueryReportMessage[], limits: QueryReportLimits): Promise<void>;
}

/** How much one query's report keeps (QueryReportSettings, with the time it is applied at). */
export interface QueryReportLimits {
  /** Rows with data one query keeps across its hosts. */
  readonly cap: number;
  /** Rows last fetched longer ago than this are dropped (0 keeps them). */
  readonly maxAgeMs: number;
  readonly nowMs: number;
}

/** Rows of one seen-time statement (recordSeen). */
const SEEN_ROWS_PER_STATEMENT = 2_000;

@Injectable()
export class MysqlAgentDataRepository extends AgentDataRepository {
  private readonly software: HostSoftwareWriter;
  /** Transactions InnoDB picked as deadlock victims (or whose lock wait timed out) and that were run again. */
  deadlockRetries = 0;

  constructor(private readonly ds: DataSource) {
    super();
    this.software = new HostSoftwareWriter(ds);
  }

  /**
   * The batch's hosts are locked first, in id order, so concurrent batches that share hosts queue instead of
   * deadlocking; software is prepared before the transaction (see HostSoftwareWriter). A host's last
   * inventory in the batch is the one written. Deadlocks that still happen are retried and counted.
   */
  async applyHostWrites(writes: readonly HostWriteMessage[], turn?: YieldPoint): Promise<void> {
    if (writes.length === 0) return;
    const latestSoftware = new Map<number, NonNullable<HostWriteMessage['software']>>();
    for (const w of writes) if (w.software !== undefined) latestSoftware.set(w.hostId, w.software);
    const prepared = await this.software.prepare([...latestSoftware], turn);
    const hostIds = [...new Set(writes.map((w) => w.hostId))].sort((a, b) => a - b);
    // READ COMMITTED: range deletes and scans take no gap locks, whose collisions with other batches' inserts
    // are what deadlock concurrent writers under REPEATABLE READ (the host locks serialise writers of a host).
    await withDeadlockRetry(() => this.ds.transaction('READ COMMITTED', async (tx) => {
      const locked = await tx.query<Array<Record<string, unknown>>>('SELECT id, team_id, platform, os_version FROM hosts WHERE id IN (?) ORDER BY id FOR UPDATE', [hostIds]);
      for (const [sql, params] of hostRowStatements(hostRowAssignments(writes))) await tx.query(sql, params);
      await this.writeMemberships(tx, await withoutManualLabels(tx, writes), 'labels', 'label_membership', 'label_id');
      await this.writeMemberships(tx, writes, 'policies', 'policy_membership', 'policy_id');
      await this.writeUsers(tx, writes);
      if (prepared.length > 0) await this.software.write(tx, prepared, hostsForSoftware(locked, writes), turn);
    }), 4, () => { this.deadlockRetries++; });
  }

  /** true → member (upsert), false → not a member (delete), null → the query failed: keep what was known. */
  private async writeMemberships(tx: EntityManager, writes: readonly HostWriteMessage[], field: 'labels' | 'policies', table: string, idColumn: string): Promise<void> {
    const upserts: unknown[][] = [];
    const deletes: Array<[number, number]> = [];
    for (const w of writes) {
      for (const [id, result] of Object.entries(w[field] ?? {})) {
        if (field === 'policies') {
          upserts.push([Number(id), w.hostId, result === null ? null : result ? 1 : 0]);
        } else if (result === true) upserts.push([Number(id), w.hostId]);
        else if (result === false) deletes.push([Number(id), w.hostId]);
      }
    }
    const sql = field === 'policies'
      ? `INSERT INTO ${table} (${idColumn}, host_id, passes) VALUES ? ON DUPLICATE KEY UPDATE passes = VALUES(passes), updated_at = CURRENT_TIMESTAMP(6)`
      : `INSERT INTO ${table} (${idColumn}, host_id) VALUES ? ON DUPLICATE KEY UPDATE updated_at = CURRENT_TIMESTAMP(6)`;
    // Statements of at most MEMBERSHIP_ROWS rows: building one statement for a batch of hosts with thousands of
    // results each would hold the event loop (and could pass max_allowed_packet).
    for (let i = 0; i < upserts.length; i += MEMBERSHIP_ROWS) await tx.query(sql, [upserts.slice(i, i + MEMBERSHIP_ROWS)]);
    for (let i = 0; i < deletes.length; i += MEMBERSHIP_ROWS) {
      const [where, params] = pairKeyCondition(idColumn, 'host_id', deletes.slice(i, i + MEMBERSHIP_ROWS));
      await tx.query(`DELETE FROM ${table} WHERE ${where}`, params);
    }
  }

  private async writeUsers(tx: EntityManager, writes: readonly HostWriteMessage[]): Promise<void> {
    const withUsers = writes.filter((w) => w.users !== undefined);
    if (withUsers.length === 0) return;
    await tx.query('DELETE FROM host_users WHERE host_id IN (?)', [withUsers.map((w) => w.hostId)]);
    const rows = new Map<string, unknown[]>();
    for (const w of withUsers) {
      for (const u of w.users ?? []) rows.set(`${w.hostId}/${u.uid}/${u.username}`, [w.hostId, u.uid, u.username.slice(0, 255), u.type.slice(0, 255), u.groupname.slice(0, 255), u.shell.slice(0, 255)]);
    }
    if (rows.size > 0) await tx.query('INSERT INTO host_users (host_id, uid, username, user_type, groupname, shell) VALUES ?', [[...rows.values()]]);
  }

  /**
   * In statements of SEEN_ROWS_PER_STATEMENT rows, each formatted when the previous one is written: a flush of a
   * 20,000-host fleet's check-ins would otherwise hold the event loop for tens of milliseconds while it is formatted.
   */
  async recordSeen(seen: ReadonlyArray<readonly [number, number]>): Promise<void> {
    for (let at = 0; at < seen.length; at += SEEN_ROWS_PER_STATEMENT) {
      const rows = seen.slice(at, at + SEEN_ROWS_PER_STATEMENT).map(([hostId, time]) => [hostId, sqlTime(time)]);
      await this.ds.query('INSERT INTO host_seen_times (host_id, seen_time) VALUES ? ON DUPLICATE KEY UPDATE seen_time = GREATEST(seen_time, VALUES(seen_time))', [rows]);
    }
  }

  /**
   * Each host's rows of a query are replaced by its latest snapshot; an empty snapshot leaves one null row to
   * record the fetch. A query's report keeps at most `cap` rows with data across its hosts (Fleet's
   * `query_report_cap`): a host's new snapshot takes the room its old rows left, and rows beyond the cap wait
   * until rows age out (`maxAgeMs`) or the cap is raised. Rows older than `maxAgeMs` are dropped for the
   * queries in the batch. Replaying a batch leaves the same rows.
   */
  async replaceQueryReports(reports: readonly QueryReportMessage[], limits: QueryReportLimits): Promise<void> {
    if (reports.length === 0) return;
    const latest = new Map<string, QueryReportMessage>();
    for (const r of reports) {
      const key = `${r.queryId}/${r.hostId}`;
      const prev = latest.get(key);
      if (!prev || prev.at <= r.at) latest.set(key, r);
    }
    const queryIds = [...new Set([...latest.values()].map((r) => r.queryId))];
    await this.ds.transaction(async (tx) => {
      const [where, params] = pairKeyCondition('query_id', 'host_id', [...latest.values()].map((r) => [r.queryId, r.hostId] as const));
      await tx.query(`DELETE FROM query_results WHERE ${where}`, params);
      if (limits.maxAgeMs > 0) await tx.query('DELETE FROM query_results WHERE query_id IN (?) AND last_fetched < ?', [queryIds, sqlTime(limits.nowMs - limits.maxAgeMs)]);
      const counted = await tx.query<Array<{ query_id: number; n: number }>>('SELECT query_id, COUNT(*) AS n FROM query_results WHERE query_id IN (?) AND has_data = 1 GROUP BY query_id', [queryIds]);
      const held = new Map(counted.map((c) => [Number(c.query_id), Number(c.n)]));
      const rows: unknown[][] = [];
      for (const r of latest.values()) {
        const at = sqlTime(r.at);
        const room = Math.max(0, limits.cap - (held.get(r.queryId) ?? 0));
        const kept = r.rows.slice(0, room);
        held.set(r.queryId, (held.get(r.queryId) ?? 0) + kept.length);
        if (kept.length === 0) rows.push([r.queryId, r.hostId, at, null]);
        for (const row of kept) rows.push([r.queryId, r.hostId, at, JSON.stringify(row)]);
      }
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.query('INSERT INTO query_results (query_id, host_id, last_fetched, data) VALUES ?', [rows.slice(i, i + 1000)]);
      }
    });
  }
}

/** The locked hosts' team and OS, with the OS this batch reports (a vitals write in the same batch) taking precedence. */
function hostsForSoftware(locked: ReadonlyArray<Record<string, unknown>>, writes: readonly HostWriteMessage[]): Map<number, HostForSoftware> {
  const out = new Map<number, HostForSoftware>();
  for (const r of locked) {
    out.set(Number(r['id']), { teamId: r['team_id'] === null ? null : Number(r['team_id']), platform: text(r['platform']), osVersion: text(r['os_version']) });
  }
  for (const w of writes) {
    const h = out.get(w.hostId);
    if (h && (w.vitals?.platform !== undefined || w.vitals?.os_version !== undefined)) {
      out.set(w.hostId, { ...h, platform: w.vitals.platform ?? h.platform, osVersion: w.vitals.os_version ?? h.osVersion });
    }
  }
  return out;
}
