import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AgentHost } from '@fleet/domain';
import type { EnrollInput, EnrollOutcome } from './agent-host.types';
import { epochMs, sqlTime, text } from './sql-values';
import { AGENT_HOST_COLUMNS as HOST_COLUMNS, toAgentHost } from './agent-host.row';
import type { HostRow } from './agent-host.row';
import { vitalsAssignments } from './host-vitals.columns';
import { errorCode, withDeadlockRetry } from './deadlock-retry';
import { ENROLLS_PER_BATCH, insertNewHosts } from './host-enroll.batch';

interface QueuedEnroll {
  readonly input: EnrollInput;
  readonly resolve: (outcome: EnrollOutcome) => void;
  readonly reject: (err: unknown) => void;
}

/** Batches of enrolls written at once; more enrolls wait in the queue and form the next batch. */
const ENROLL_BATCHES_IN_FLIGHT = 2;

/** Hosts as the agent API sees them: lookup by node key, and enrollment. */
export abstract class AgentHostRepository {
  abstract findByNodeKey(nodeKey: string): Promise<AgentHost | null>;
  abstract enroll(input: EnrollInput): Promise<EnrollOutcome>;
  /** The team of an enroll secret: a team id, null for a global secret, undefined for an unknown secret. */
  abstract teamForEnrollSecret(secret: string): Promise<number | null | undefined>;
}

@Injectable()
export class MysqlAgentHostRepository extends AgentHostRepository {
  private enrollQueue: QueuedEnroll[] = [];
  private enrollBatches = 0;
  private enrollScheduled = false;
  private readonly secretLookups = new Map<string, Promise<number | null | undefined>>();

  constructor(private readonly ds: DataSource) {
    super();
  }

  async findByNodeKey(nodeKey: string): Promise<AgentHost | null> {
    const rows = await this.ds.query<HostRow[]>(`SELECT ${HOST_COLUMNS} FROM hosts WHERE node_key = ?`, [nodeKey]);
    return rows[0] ? toAgentHost(rows[0]) : null;
  }

  /** Concurrent lookups of one secret (an enroll storm) share one query; each lookup still reads MySQL after it was asked. */
  teamForEnrollSecret(secret: string): Promise<number | null | undefined> {
    const running = this.secretLookups.get(secret);
    if (running) return running;
    const lookup = this.readTeamForEnrollSecret(secret).finally(() => this.secretLookups.delete(secret));
    this.secretLookups.set(secret, lookup);
    return lookup;
  }

  private async readTeamForEnrollSecret(secret: string): Promise<number | null | undefined> {
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
   *
   * Enrolls arriving together (a data centre rebooting: thousands at once) are written in batches: the new
   * identifiers of a batch with a handful of statements in all (insertNewHosts), the known ones one by one as
   * before. At most ENROLL_BATCHES_IN_FLIGHT batches are written at a time; what arrives meanwhile waits and
   * forms the next batch, so batches grow with the load instead of statements queueing for the pool.
   */
  enroll(input: EnrollInput): Promise<EnrollOutcome> {
    return new Promise<EnrollOutcome>((resolve, reject) => {
      this.enrollQueue.push({ input, resolve, reject });
      this.scheduleEnrolls();
    });
  }

  private scheduleEnrolls(): void {
    if (this.enrollScheduled || this.enrollQueue.length === 0 || this.enrollBatches >= ENROLL_BATCHES_IN_FLIGHT) return;
    this.enrollScheduled = true;
    setImmediate(() => {
      this.enrollScheduled = false;
      while (this.enrollQueue.length > 0 && this.enrollBatches < ENROLL_BATCHES_IN_FLIGHT) {
        const batch = this.enrollQueue.splice(0, ENROLLS_PER_BATCH);
        this.enrollBatches += 1;
        void this.enrollBatch(batch).finally(() => {
          this.enrollBatches -= 1;
          this.scheduleEnrolls();
        });
      }
    });
  }

  /** One batch: new identifiers inserted together, everything else (and anything that raced) one by one. */
  private async enrollBatch(batch: readonly QueuedEnroll[]): Promise<void> {
    const single = async (q: QueuedEnroll): Promise<void> => {
      try {
        q.resolve(await this.enrollOne(q.input));
      } catch (err) {
        q.reject(err);
      }
    };
    const [only] = batch;
    if (batch.length === 1 && only) {
      await single(only);
      return;
    }
    let rest: QueuedEnroll[] = [];
    const answered = new Set<QueuedEnroll>();
    try {
      // Inserted optimistically: in a storm of new machines no identifier is known yet, and checking first
      // would cost every batch a round trip. An identifier seen twice in one batch re-enrolls it afterwards.
      const seen = new Set<string>();
      const fresh: QueuedEnroll[] = [];
      for (const q of batch) {
        if (seen.has(q.input.identifier)) rest.push(q);
        else fresh.push(q);
        seen.add(q.input.identifier);
      }
      /** Inserts `pending` and answers each inserted enroll; false when the unique key refused the whole insert. */
      const insert = async (pending: readonly QueuedEnroll[]): Promise<boolean> => {
        const { rows, refused } = await withDeadlockRetry(() => insertNewHosts(this.ds, pending.map((q) => q.input)), 6);
        if (refused) return false;
        for (const q of pending) {
          const row = rows.get(q.input.identifier);
          if (!row) {
            rest.push(q);
            continue;
          }
          q.resolve({ kind: 'enrolled', host: toAgentHost(row), reenrolled: false, previousNodeKey: null });
          answered.add(q);
        }
        return true;
      };
      if (!(await insert(fresh))) {
        // Some identifier of the batch exists: those re-enroll one by one, the others are inserted once more
        // (a second refusal means a race with another replica, and the one-by-one path settles it).
        const known = new Set((await this.ds.query<Array<{ osquery_host_id: string }>>('SELECT osquery_host_id FROM hosts WHERE osquery_host_id IN (?)',
          [fresh.map((q) => q.input.identifier)])).map((r) => String(r.osquery_host_id)));
        rest.push(...fresh.filter((q) => known.has(q.input.identifier)));
        const unknown = fresh.filter((q) => !known.has(q.input.identifier));
        if (!(await insert(unknown))) rest.push(...unknown);
      }
    } catch {
      // Nothing of the failed insert was answered (answers are given only after its last statement): when a
      // statement failed (a lock wait, a full lock table, a lost connection) every enroll not yet answered is
      // done again one by one, where a host the batch did insert takes the re-enroll path with its own new key.
      rest = batch.filter((q) => !answered.has(q));
    }
    // Known identifiers (re-enrolls) and races take the one-by-one path, a few at a time.
    for (let i = 0; i < rest.length; i += 8) await Promise.all(rest.slice(i, i + 8).map(single));
  }

  private async enrollOne(input: EnrollInput): Promise<EnrollOutcome> {
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
      if (text(row['node_key']) === input.nodeKey) {
        // This enroll's own row, inserted by a batch that failed before answering: finish what the batch may not have.
        await tx.query("INSERT IGNORE INTO label_membership (label_id, host_id) SELECT id, ? FROM labels WHERE name = 'All Hosts' AND label_type = 1", [row['id']]);
        await tx.query('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?) ON DUPLICATE KEY UPDATE seen_time = VALUES(seen_time)', [row['id'], sqlTime(input.now.getTime())]);
        return { kind: 'enrolled', host: toAgentHost(row), reenrolled: false, previousNodeKey: null };
      }
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
