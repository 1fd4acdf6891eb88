import type { DataSource } from 'typeorm';
import { migrationStatus } from './migration.runner';

type Row = Record<string, unknown>;

/** A transaction waiting for a lock another holds (Fleet's `DBLock`; the queries only while they run). */
export interface DatabaseLockWait {
  readonly waiting_trx_id: string;
  readonly waiting_thread: number;
  readonly waiting_query?: string;
  readonly blocking_trx_id: string;
  readonly blocking_thread: number;
  readonly blocking_query?: string;
}

/** One connection of `SHOW PROCESSLIST`, with Fleet's JSON names. */
export interface DatabaseProcess {
  readonly id: number;
  readonly user: string;
  readonly host: string;
  readonly db: string | null;
  readonly command: string;
  readonly time: number;
  readonly state: string | null;
  readonly info: string | null;
}

/**
 * Fleet's `MigrationStatus` (what `fleetctl debug migrations` reads): `status_code` 0 = no migration applied,
 * 1 = some missing, 2 = up to date, 3 = the database holds migrations this build does not know. This server has
 * one list of migrations, reported as Fleet's table migrations (`missing_data`/`unknown_data` stay empty).
 */
export interface DatabaseMigrationStatus {
  readonly status_code: 0 | 1 | 2 | 3;
  readonly missing_table: readonly string[] | null;
  readonly missing_data: readonly string[] | null;
  readonly unknown_table: readonly string[] | null;
  readonly unknown_data: readonly string[] | null;
}

/** A column as text: the driver gives strings, numbers or (for some binary columns) buffers. */
const str = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return Buffer.isBuffer(v) ? v.toString('utf8') : '';
};
const text = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const pick = (r: Row, ...keys: string[]): unknown => keys.map((k) => r[k]).find((v) => v !== undefined);

const LOCK_COLUMNS = `r.trx_id AS waiting_trx_id, r.trx_mysql_thread_id AS waiting_thread, r.trx_query AS waiting_query,
  b.trx_id AS blocking_trx_id, b.trx_mysql_thread_id AS blocking_thread, b.trx_query AS blocking_query`;

/**
 * What the admin-only `/debug/db/*` endpoints show about the database (Fleet's `fleetctl debug db-locks`,
 * `db-innodb-status`, `db-process-list`). The connection's user needs the PROCESS privilege; without it the
 * queries fail with MySQL's access-denied error, which the endpoints report as such.
 */
export class DatabaseDiagnosticsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Lock waits between transactions. MariaDB (and MySQL 5.7) list them in information_schema.innodb_lock_waits;
   * MySQL 8 dropped that table for performance_schema.data_lock_waits, so the source is chosen by what exists.
   */
  async lockWaits(): Promise<DatabaseLockWait[]> {
    const [exists] = await this.ds.query<Row[]>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'information_schema' AND table_name = 'INNODB_LOCK_WAITS'");
    const sql = Number(exists?.['n'] ?? 0) > 0
      ? `SELECT ${LOCK_COLUMNS} FROM information_schema.innodb_lock_waits w
         JOIN information_schema.innodb_trx b ON b.trx_id = w.blocking_trx_id JOIN information_schema.innodb_trx r ON r.trx_id = w.requesting_trx_id`
      : `SELECT ${LOCK_COLUMNS} FROM performance_schema.data_lock_waits w
         JOIN information_schema.innodb_trx b ON b.trx_id = w.blocking_engine_transaction_id JOIN information_schema.innodb_trx r ON r.trx_id = w.requesting_engine_transaction_id`;
    const rows = await this.ds.query<Row[]>(sql);
    return rows.map((r) => ({
      waiting_trx_id: str(r['waiting_trx_id']), waiting_thread: Number(r['waiting_thread']),
      ...(r['waiting_query'] ? { waiting_query: str(r['waiting_query']) } : {}),
      blocking_trx_id: str(r['blocking_trx_id']), blocking_thread: Number(r['blocking_thread']),
      ...(r['blocking_query'] ? { blocking_query: str(r['blocking_query']) } : {}),
    }));
  }

  /** The text of `SHOW ENGINE INNODB STATUS`. */
  async innodbStatus(): Promise<string> {
    const [row] = await this.ds.query<Row[]>('SHOW ENGINE INNODB STATUS');
    return row ? str(pick(row, 'Status', 'STATUS', 'status')) : '';
  }

  /** Every connection, as `SHOW PROCESSLIST` lists them. */
  async processList(): Promise<DatabaseProcess[]> {
    const rows = await this.ds.query<Row[]>('SHOW PROCESSLIST');
    return rows.map((r) => ({
      id: Number(pick(r, 'Id', 'ID')), user: str(pick(r, 'User', 'USER')), host: str(pick(r, 'Host', 'HOST')),
      db: text(pick(r, 'db', 'DB')), command: str(pick(r, 'Command', 'COMMAND')), time: Number(pick(r, 'Time', 'TIME') ?? 0),
      state: text(pick(r, 'State', 'STATE')), info: text(pick(r, 'Info', 'INFO')),
    }));
  }

  /** The migrations applied against those this build has, in Fleet's status shape. */
  async migrationStatus(): Promise<DatabaseMigrationStatus> {
    const m = await migrationStatus(this.ds);
    const list = (v: readonly string[]): readonly string[] | null => (v.length > 0 ? v : null);
    const code = m.applied.length === 0 ? 0 : m.unknown.length > 0 ? 3 : m.pending.length > 0 ? 1 : 2;
    return { status_code: code, missing_table: list(m.pending), missing_data: null, unknown_table: list(m.unknown), unknown_data: null };
  }
}
