import type { CarveManager } from './carve-manager';
import { carveRequestPath } from './carve-request';
import { DETAIL_QUERY_PREFIX, answerDetailQuery } from './detail-answers';
import type { HostProfile } from './host-profile';
import type { TableSet } from './host-tables';
import { type SqlResult, evaluateSql } from './sql-evaluator';

export const LABEL_QUERY_PREFIX = 'fleet_label_query_';
export const POLICY_QUERY_PREFIX = 'fleet_policy_query_';
export const LIVE_QUERY_PREFIX = 'fleet_distributed_query_';

/** What the simulator told the server for one label or policy query. */
export interface MembershipAnswer {
  /** true = ≥ 1 row, false = 0 rows, null = the query failed (Fleet records "unknown"). */
  readonly matched: boolean | null;
  readonly answeredAt: number;
  readonly message: string;
}

/**
 * Answers distributed queries for one host: detail queries by name, everything else (labels, policies, live and
 * additional queries) by evaluating the SQL over the host's tables. Carve requests against `carves` are routed
 * to the carver. Every label/policy answer is recorded so tests can compare server state with what was said.
 */
export class HostQueryAnswerer {
  constructor(
    private readonly profile: HostProfile,
    private readonly tables: TableSet,
    private readonly carves: CarveManager,
    private readonly now: () => number,
    /** Where label/policy answers are recorded; outlives the answerer. */
    readonly memberships = new Map<string, MembershipAnswer>(),
  ) {}

  evaluate(sql: string): SqlResult {
    return evaluateSql(sql, this.tables);
  }

  answer(name: string, sql: string): SqlResult {
    if (name.startsWith(DETAIL_QUERY_PREFIX)) {
      return { ok: true, rows: answerDetailQuery(name.slice(DETAIL_QUERY_PREFIX.length), this.profile, this.tables) };
    }
    const carvePath = carveRequestPath(sql);
    const result: SqlResult = carvePath !== undefined ? { ok: true, rows: this.carves.request(carvePath) } : this.evaluate(sql);
    if (name.startsWith(LABEL_QUERY_PREFIX) || name.startsWith(POLICY_QUERY_PREFIX)) {
      this.memberships.set(name, {
        matched: result.ok ? result.rows.length > 0 : null,
        answeredAt: this.now(),
        message: result.ok ? '' : result.message,
      });
    }
    return result;
  }
}
