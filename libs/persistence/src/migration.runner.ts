import { createConnection } from 'mysql2/promise';
import { MigrationExecutor } from 'typeorm';
import type { DataSource, Migration, MigrationInterface } from 'typeorm';
import type { FleetConfig } from '@fleet/config';
import { splitHostPort } from './data-source.factory';

/**
 * Upgrades without downtime split schema changes in two (README, "Upgrades without downtime"):
 *   expand    additive changes the previous release keeps working with (new tables, nullable or defaulted
 *             columns, indexes); applied before the new release starts, while the old one serves;
 *   contract  removals only the new release works without (dropped columns, tables, constraints the old
 *             code wrote); applied once no server of the previous release is left.
 * A migration is `expand` unless its class declares `readonly phase = 'contract'`. The code of a release
 * must work both before and after its own contract migrations ran.
 */
export type MigrationPhase = 'expand' | 'contract';

export const migrationPhase = (m: MigrationInterface): MigrationPhase => ((m as { phase?: unknown }).phase === 'contract' ? 'contract' : 'expand');

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Pending expand migrations: `fleet serve` refuses to start while there are any. */
  readonly pendingExpand: readonly string[];
  /** Pending contract migrations: tolerated by this build's `fleet serve`, applied after a rollout. */
  readonly pendingContract: readonly string[];
  /** Migrations recorded in the database that this build does not know (a newer build ran them). */
  readonly unknown: readonly string[];
}

/** What has run and what is left, compared by migration name. */
export async function migrationStatus(ds: DataSource): Promise<MigrationStatus> {
  const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
  const tableExists = await ds.query<unknown[]>(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'migrations'",
  );
  const applied = tableExists.length
    ? (await ds.query<Array<{ name: string }>>('SELECT name FROM migrations ORDER BY id')).map((r) => r.name)
    : [];
  const pending = ds.migrations.filter((m) => !applied.includes(m.name ?? m.constructor.name));
  const named = (phase: MigrationPhase) => pending.filter((m) => migrationPhase(m) === phase).map((m) => m.name ?? m.constructor.name);
  return {
    applied,
    pending: known.filter((n) => !applied.includes(n)),
    pendingExpand: named('expand'),
    pendingContract: named('contract'),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

/** TypeORM's executor limited to the migrations of one phase. */
class PhaseMigrationExecutor extends MigrationExecutor {
  constructor(ds: DataSource, private readonly phase: MigrationPhase) {
    super(ds);
  }

  protected override getMigrations(): Migration[] {
    return super.getMigrations().filter((m) => m.instance !== undefined && migrationPhase(m.instance) === this.phase);
  }
}

/**
 * Applies pending migrations, each in its own transaction where the server allows (DDL commits implicitly):
 * every one (`all`, for an install or a stopped server), or those of one phase. Contract migrations are
 * refused while expand migrations are pending, since they assume the expanded schema.
 */
export async function runMigrations(ds: DataSource, phase: MigrationPhase | 'all' = 'all'): Promise<string[]> {
  if (phase === 'all') return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  if (phase === 'contract') {
    const { pendingExpand } = await migrationStatus(ds);
    if (pendingExpand.length > 0) throw new Error(`expand migrations are pending (${pendingExpand.join(', ')}): run \`fleet prepare db --phase expand\` first`);
  }
  const executor = new PhaseMigrationExecutor(ds, phase);
  executor.transaction = 'each';
  return (await executor.executePendingMigrations()).map((m) => m.name);
}

/** Creates the configured database when it does not exist yet, so that `fleet prepare db` works on an empty server. */
export async function ensureDatabase(config: FleetConfig, database = config.mysql.database): Promise<void> {
  const m = config.mysql;
  const [host, port] = splitHostPort(m.address, 3306);
  const conn = await createConnection({
    ...(m.protocol === 'unix' ? { socketPath: m.address } : { host, port }),
    user: m.username,
    password: m.password,
    connectTimeout: 5000,
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
