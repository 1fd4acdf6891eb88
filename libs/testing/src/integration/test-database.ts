import { randomBytes } from 'node:crypto';
import type { FleetConfig } from '@fleet/config';
import { createDataSource, ensureDatabase, runMigrations } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';
import { testConfig } from './test-config';

export interface TestDatabase {
  readonly name: string;
  readonly config: FleetConfig;
  readonly dataSource: DataSource;
  /** Empties every table except the migrations record and restores seeded rows, between tests. */
  truncate(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file (`fleet_test_<label>_<random>`), migrated to the current schema.
 * Tests of different files never share tables, so Jest may run them in parallel.
 */
export async function createTestDatabase(label: string, flags: Record<string, string | boolean> = {}): Promise<TestDatabase> {
  const name = `fleet_test_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const config = testConfig({ mysql_database: name, redis_key_prefix: `${name}:`, ...flags });
  await ensureDatabase(config, name);
  const dataSource = await createDataSource(config).initialize();
  await runMigrations(dataSource);
  const seeded = await snapshotSeedRows(dataSource);
  return {
    name,
    config,
    dataSource,
    truncate: async () => {
      const tables = await dataSource.query<Array<{ t: string }>>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations' AND table_type = 'BASE TABLE'",
      );
      await dataSource.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const { t } of tables) await dataSource.query(`DELETE FROM \`${t}\``);
      for (const [table, rows] of seeded) {
        for (const row of rows) {
          const columns = Object.keys(row);
          const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
          await dataSource.query(sql, columns.map((c) => row[c]));
        }
      }
      await dataSource.query('SET FOREIGN_KEY_CHECKS = 1');
    },
    drop: async () => {
      await dataSource.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dataSource.destroy();
    },
  };
}

/** Rows that migrations insert (built-in labels, the app config row) are put back after a truncate. */
async function snapshotSeedRows(ds: DataSource): Promise<Array<[string, Array<Record<string, unknown>>]>> {
  const tables = await ds.query<Array<{ t: string }>>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations' AND table_type = 'BASE TABLE'",
  );
  const out: Array<[string, Array<Record<string, unknown>>]> = [];
  for (const { t } of tables) {
    const rows = await ds.query<Array<Record<string, unknown>>>(`SELECT * FROM \`${t}\``);
    if (rows.length > 0) out.push([t, rows]);
  }
  return out;
}
