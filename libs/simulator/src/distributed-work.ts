import type { Row } from './host-platform';
import type { SqlResult } from './sql-evaluator';

export interface QueryStats {
  readonly wall_time_ms: number;
  readonly user_time: number;
  readonly system_time: number;
  readonly memory: number;
}

/** The results part of a distributed write (§5.4), accumulated across polls until a write succeeds. */
export interface DistributedResults {
  queries: Record<string, Row[]>;
  statuses: Record<string, number>;
  messages: Record<string, string>;
  stats: Record<string, QueryStats | Record<string, never>>;
}

export const emptyResults = (): DistributedResults => ({ queries: {}, statuses: {}, messages: {}, stats: {} });

export interface WorkOutcome {
  readonly results: DistributedResults;
  /** Set when osquery would have dropped the whole poll (bad discovery entry, §5.2.2). */
  readonly abortedBecause?: string;
  /** `accelerate` seconds when the server sent a JSON integer. */
  readonly accelerateSec?: number;
  readonly executed: number;
}

/**
 * Applies osquery's Distributed::acceptWork + runQueries to a read response: discovery first (any failing or
 * malformed discovery aborts the whole batch), a query runs only without a discovery entry or when its discovery
 * returned rows (skipped queries produce no entry at all), a malformed entry stops the remainder.
 */
export function runDistributedWork(body: Record<string, unknown>, answer: (name: string, sql: string) => SqlResult, evaluate: (sql: string) => SqlResult, nowMs: () => number): WorkOutcome {
  const results = emptyResults();
  const accelerate = body['accelerate'];
  const accelerateSec = typeof accelerate === 'number' && Number.isInteger(accelerate) && accelerate > 0 ? accelerate : undefined;
  const discovery = isObject(body['discovery']) ? body['discovery'] : {};
  const discovered = new Map<string, boolean>();
  for (const [name, sql] of Object.entries(discovery)) {
    if (name === '' || typeof sql !== 'string' || sql === '') return { results, abortedBecause: `invalid discovery entry: ${name}`, accelerateSec, executed: 0 };
    const r = evaluate(sql);
    if (!r.ok) return { results, abortedBecause: `discovery query failed: ${r.message}`, accelerateSec, executed: 0 };
    discovered.set(name, r.rows.length > 0);
  }
  const queries = isObject(body['queries']) ? body['queries'] : {};
  let executed = 0;
  for (const [name, sql] of Object.entries(queries)) {
    if (name === '' || typeof sql !== 'string' || sql === '') break;
    if (discovered.get(name) === false) continue;
    const started = nowMs();
    const r = answer(name, sql);
    const wall = Math.max(0, Math.round(nowMs() - started));
    results.queries[name] = r.ok ? r.rows : [];
    results.statuses[name] = r.ok ? 0 : 1;
    results.messages[name] = r.ok ? '' : r.message;
    results.stats[name] = { wall_time_ms: wall, user_time: wall, system_time: 0, memory: 0 };
    executed++;
  }
  return { results, accelerateSec, executed };
}

/** Later results for the same name replace earlier ones, as in osquery's in-memory result cache. */
export function mergeResults(into: DistributedResults, from: DistributedResults): void {
  Object.assign(into.queries, from.queries);
  Object.assign(into.statuses, from.statuses);
  Object.assign(into.messages, from.messages);
  Object.assign(into.stats, from.stats);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
