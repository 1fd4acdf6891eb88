import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Where a read may go, decided once per admin request by the caller's edge (the gateway's read-routing
 * interceptor) and carried through every async hop of the request: `replica` true lets the read statements of
 * the repositories built with `replicaReads` go to the read replica; `onFallback` is told when the replica
 * could not answer and the primary did.
 */
export interface ReadRoute {
  readonly replica: boolean;
  readonly onFallback?: (err: unknown) => void;
}

const route = new AsyncLocalStorage<ReadRoute>();

/** Runs `fn` (and everything it starts) with `r` as the read route. Outside any route every read goes to the primary. */
export function withReadRoute<T>(r: ReadRoute, fn: () => T): T {
  return route.run(r, fn);
}

/** A statement that only reads and takes no lock; anything else always goes to the primary. */
const READ = /^\s*(?:\/\*[^]*?\*\/\s*)*(?:SELECT|WITH)\b/i;
const LOCKING = /\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bFOR\s+SHARE\b/i;

export function isReplicaSafe(sql: string): boolean {
  return READ.test(sql) && !LOCKING.test(sql);
}

/** Runs one statement on a replica connection and gives it back; a replica that fails answers from the primary. */
async function onReplica<T>(ds: DataSource, sql: string, params: unknown[] | undefined, r: ReadRoute): Promise<T> {
  let runner: QueryRunner | undefined;
  try {
    runner = ds.createQueryRunner('slave');
    await runner.connect();
  } catch (err) {
    await runner?.release().catch(() => undefined);
    r.onFallback?.(err);
    return ds.query<T>(sql, params);
  }
  try {
    return await runner.query(sql, params) as T;
  } catch (err) {
    // A statement error (bad SQL, a missing row) would fail on the primary too; only a lost connection falls back.
    if (!isConnectionError(err)) throw err;
    r.onFallback?.(err);
    return ds.query<T>(sql, params);
  } finally {
    await runner.release().catch(() => undefined);
  }
}

function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; fatal?: boolean; driverError?: { code?: string; fatal?: boolean } };
  const code = e.driverError?.code ?? e.code ?? '';
  return e.fatal === true || e.driverError?.fatal === true || /^(ECONN|ETIMEDOUT|EPIPE|EHOSTUNREACH|PROTOCOL_|ER_CON_COUNT|POOL_)/.test(code);
}

/**
 * The data source a read-heavy repository is built with (repository.bindings.ts): the same data source,
 * except that `query(sql, params)` of a read statement (SELECT/WITH without a locking clause, no query runner
 * of its own) goes to the read replica when `mysql_read_replica.address` is set and the current read route
 * allows it. Writes, locking reads, transactions, query runners and everything else reach the primary exactly
 * as through the data source itself. Without a replica configured this returns `ds` unchanged.
 */
export function replicaReads(ds: DataSource): DataSource {
  if (!('replication' in ds.options) || !ds.options.replication) return ds;
  const query = <T>(sql: string, params?: unknown[], runner?: QueryRunner): Promise<T> => {
    const r = route.getStore();
    if (runner || !r?.replica || !isReplicaSafe(sql)) return ds.query<T>(sql, params, runner);
    return onReplica<T>(ds, sql, params, r);
  };
  return new Proxy(ds, {
    get(target, prop) {
      if (prop === 'query') return query;
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
