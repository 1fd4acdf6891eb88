import { DataSource, dataSourceOptions, migrationStatus, runMigrations } from '@fleet/persistence';
import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The next release's change, in two steps: a nullable column the running code ignores, then a table dropped. */
class AddNote1799000000000 implements MigrationInterface {
  name = 'AddNote1799000000000';
  async up(q: QueryRunner): Promise<void> { await q.query('ALTER TABLE hosts ADD COLUMN phase_note VARCHAR(64) NULL'); }
  async down(q: QueryRunner): Promise<void> { await q.query('ALTER TABLE hosts DROP COLUMN phase_note'); }
}
class DropLegacy1799000000001 implements MigrationInterface {
  name = 'DropLegacy1799000000001';
  readonly phase = 'contract';
  async up(q: QueryRunner): Promise<void> { await q.query('DROP TABLE phase_legacy'); }
  async down(q: QueryRunner): Promise<void> { await q.query('CREATE TABLE phase_legacy (id INT PRIMARY KEY)'); }
}

describe('migration phases (expand before a rollout, contract after it)', () => {
  let db: TestDatabase;
  let next: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('migration_phases');
    await db.dataSource.query('CREATE TABLE phase_legacy (id INT PRIMARY KEY)');
    const options = dataSourceOptions(db.config);
    next = await new DataSource({ ...options, migrations: [...(options.migrations as Array<new () => MigrationInterface>), AddNote1799000000000, DropLegacy1799000000001] }).initialize();
  });
  afterAll(async () => {
    await next.destroy();
    await db.drop();
  });

  const columns = async () => (await db.dataSource.query<Array<{ c: string }>>("SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'hosts'")).map((r) => r.c);
  const tables = async () => (await db.dataSource.query<Array<{ t: string }>>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()')).map((r) => r.t);

  it('applies expand alone, refuses contract before it, and leaves the current release with nothing pending', async () => {
    expect(await migrationStatus(next)).toMatchObject({ pendingExpand: ['AddNote1799000000000'], pendingContract: ['DropLegacy1799000000001'], unknown: [] });
    await expect(runMigrations(next, 'contract')).rejects.toThrow(/expand migrations are pending \(AddNote1799000000000\)/);
    expect(await tables()).toContain('phase_legacy');

    expect(await runMigrations(next, 'expand')).toEqual(['AddNote1799000000000']);
    expect(await columns()).toContain('phase_note');
    expect(await tables()).toContain('phase_legacy');
    // The next release may start (only contract is left); the running one sees a migration it does not know.
    expect(await migrationStatus(next)).toMatchObject({ pendingExpand: [], pendingContract: ['DropLegacy1799000000001'] });
    expect(await migrationStatus(db.dataSource)).toMatchObject({ pending: [], pendingExpand: [], unknown: ['AddNote1799000000000'] });

    expect(await runMigrations(next, 'contract')).toEqual(['DropLegacy1799000000001']);
    expect(await tables()).not.toContain('phase_legacy');
    expect(await migrationStatus(next)).toMatchObject({ pending: [], pendingExpand: [], pendingContract: [] });
    expect(await runMigrations(next, 'contract')).toEqual([]);
  });

  it('runs every pending migration of both phases with `all`', async () => {
    const fresh = await createTestDatabase('migration_phases_all');
    try {
      await fresh.dataSource.query('CREATE TABLE phase_legacy (id INT PRIMARY KEY)');
      const options = dataSourceOptions(fresh.config);
      const ds = await new DataSource({ ...options, migrations: [...(options.migrations as Array<new () => MigrationInterface>), AddNote1799000000000, DropLegacy1799000000001] }).initialize();
      try {
        expect(await runMigrations(ds, 'all')).toEqual(['AddNote1799000000000', 'DropLegacy1799000000001']);
      } finally {
        await ds.destroy();
      }
    } finally {
      await fresh.drop();
    }
  });

});
