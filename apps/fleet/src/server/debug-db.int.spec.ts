import { newSessionToken, tokenHash } from '@fleet/auth';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { debugModule } from '../debug-module';

/**
 * Fleet's `/debug/db/locks`, `/debug/db/innodb-status` and `/debug/db/process-list` (what `fleetctl debug
 * db-locks`, `db-innodb-status` and `db-process-list` print), with the wiring the `fleet` binary uses.
 */
describe('/debug/db/* (MariaDB + Redis)', () => {
  let db: TestDatabase;
  let app: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('debug_db');
    app = await startTestApp(db.config, { roles: ['api'], modules: [debugModule] });
    for (const role of ['admin', 'maintainer']) {
      const user = await db.dataSource.query<{ insertId: number }>(
        "INSERT INTO users (name, email, password_hash, global_role) VALUES (?, ?, 'x', ?)", [role, `${role}@example.com`, role]);
      tokens[role] = newSessionToken(32);
      await db.dataSource.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [user.insertId, tokenHash(tokens[role])]);
    }
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const get = async (path: string, role = 'admin') => {
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
    return { status: res.status, body: await res.json() };
  };

  it('answers null without lock waits, and the waiting and blocking transactions while one waits', async () => {
    expect(await get('/debug/db/locks')).toEqual({ status: 200, body: null });
    await db.dataSource.query("INSERT INTO teams (id, name) VALUES (4242, 'locked')");
    const holder = db.dataSource.createQueryRunner();
    const waiter = db.dataSource.createQueryRunner();
    await holder.connect();
    await waiter.connect();
    let blocked: Promise<unknown> | undefined;
    try {
      // InnoDB's lock tables are a snapshot that is cut at 16 MiB: while another test file's transaction holds
      // millions of row locks, the wait may be missing from it for a while. The wait outlasts the polling.
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 120');
      await holder.startTransaction();
      await holder.query('SELECT * FROM teams WHERE id = 4242 FOR UPDATE');
      await waiter.startTransaction();
      blocked = waiter.query("UPDATE teams SET description = 'waited' WHERE id = 4242");
      const locks = await eventually('a lock wait', async () => (await get('/debug/db/locks')).body, (b) => b !== null, 90_000, 100);
      expect(locks).toEqual([expect.objectContaining({
        waiting_trx_id: expect.any(String), waiting_thread: expect.any(Number), waiting_query: "UPDATE teams SET description = 'waited' WHERE id = 4242",
        blocking_trx_id: expect.any(String), blocking_thread: expect.any(Number),
      })]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await blocked?.catch(() => undefined);
      if (waiter.isTransactionActive) await waiter.rollbackTransaction();
      await holder.release();
      await waiter.release();
    }
  }, 120_000);

  it('answers the InnoDB monitor text as a JSON string and the connections with Fleet\'s names', async () => {
    const status = await get('/debug/db/innodb-status');
    expect(status.status).toBe(200);
    expect(status.body).toEqual(expect.stringContaining('INNODB MONITOR OUTPUT'));
    const list = await get('/debug/db/process-list');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({
      id: expect.any(Number), user: expect.any(String), host: expect.any(String), command: expect.any(String), time: expect.any(Number), info: 'SHOW PROCESSLIST',
    })]));
    expect(Object.keys((list.body as Array<Record<string, unknown>>)[0] ?? {}).sort()).toEqual(['command', 'db', 'host', 'id', 'info', 'state', 'time', 'user']);
  });

  it('is for global admins only', async () => {
    expect((await get('/debug/db/process-list', 'maintainer')).status).toBe(403);
    expect((await fetch(`${app.url}/debug/db/locks`)).status).toBe(401);
  });
});
