import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { FleetConfig } from '@fleet/config';
import { splitHostPort } from './data-source.factory';

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
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
  return {
    applied,
    pending: known.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

/** Applies pending migrations, each in its own transaction where the server allows (DDL commits implicitly). */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const done = await ds.runMigrations({ transaction: 'each' });
  return done.map((m) => m.name);
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
