/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are untyped JSON under test */
import bcrypt from 'bcryptjs';
import { request as httpRequest } from 'undici';
import { createTestDatabase, eventually, MariaDbReplicaPair, startTestApp, testConfig } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { ApiGatewayModule } from '../api-gateway.module';

/**
 * `mysql_read_replica`: the admin API's host list and details are read from a real MariaDB replica (counted on it
 * with Com_select, and shown by a replica that lags on purpose), writes reach only the primary, a caller's own
 * write is visible on their next read while the replica lags, and a replica that is down costs no request.
 */
describe('admin reads from a MySQL read replica (private MariaDB primary + replica)', () => {
  const pair = new MariaDbReplicaPair();
  let db: TestDatabase;
  let app: TestApp;
  const PASSWORD = 'supersecret1!x';

  beforeAll(async () => {
    await pair.start();
    db = await createTestDatabase('replica', { mysql_address: pair.primaryAddress });
    const config = testConfig({
      mysql_address: pair.primaryAddress, mysql_database: db.name, redis_key_prefix: `${db.name}:`, auth_bcrypt_cost: '4',
      mysql_read_replica_address: pair.replicaAddress, mysql_read_replica_username: 'root', mysql_read_replica_database: db.name,
    });
    app = await startTestApp(config, { roles: ['api'], modules: [ApiGatewayModule] });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await pair.stop();
  });

  const api = async (method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await httpRequest(`${app.url}/api/latest/fleet${path}`, {
      method: method as 'GET',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
  };
  let seq = 0;
  /** An admin user written on the primary, signed in through the API (a public route: no read-your-writes mark). */
  const signIn = async (): Promise<string> => {
    const email = `admin${++seq}@example.com`;
    await db.dataSource.query("INSERT INTO users (name, email, password_hash, global_role) VALUES (?, ?, ?, 'admin')", [email, email, bcrypt.hashSync(PASSWORD, 4)]);
    const res = await api('POST', '/login', undefined, { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  const addHost = async (hostname: string): Promise<number> => {
    const n = ++seq;
    const res = await db.dataSource.query<{ insertId: number }>('INSERT INTO hosts (osquery_host_id, node_key, hostname, uuid, platform) VALUES (?, ?, ?, ?, ?)',
      [`host-${n}`, `nk-${n}`, hostname, `uuid-${n}`, 'ubuntu']);
    return res.insertId;
  };
  const writesOnReplica = async (): Promise<number> => {
    const rows = await pair.replica.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_insert', 'Com_update', 'Com_delete', 'Com_replace', 'Com_insert_select')");
    return rows.reduce((sum, r) => sum + Number(r['Value']), 0);
  };
  const hostnames = async (token: string): Promise<string[]> => {
    const res = await api('GET', '/hosts?order_key=hostname', token);
    expect(res.status).toBe(200);
    return (res.body.hosts as Array<{ hostname: string }>).map((h) => h.hostname);
  };

  it('serves the host list and host details from the replica and sends every write to the primary', async () => {
    const reader = await signIn();
    const alpha = await addHost('alpha');
    await pair.waitForReplication();

    const selects = await pair.replicaSelects();
    const writes = await writesOnReplica();
    expect(await hostnames(reader)).toEqual(['alpha']);
    const detail = await api('GET', `/hosts/${alpha}`, reader);
    expect(detail.status).toBe(200);
    expect(detail.body.host).toMatchObject({ id: alpha, hostname: 'alpha' });
    // The list and the detail (with its labels, policies, software, users) each ran their reads on the replica.
    expect(await pair.replicaSelects() - selects).toBeGreaterThanOrEqual(2);
    // So do the other heavy lists of the admin API.
    for (const path of ['/hosts/count', '/host_summary', '/activities', '/labels', '/global/policies', '/software/versions', '/vulnerabilities']) {
      const before = await pair.replicaSelects();
      const res = await api('GET', path, reader);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, await pair.replicaSelects() - before > 0]).toEqual([path, true]);
    }

    // With the replica's SQL thread stopped, a host written on the primary is missing from what the reader sees:
    // the list comes from the replica.
    await pair.stopReplication();
    try {
      await addHost('bravo');
      expect(await hostnames(reader)).toEqual(['alpha']);

      // A write through the API (another user's) lands on the primary only.
      const writer = await signIn();
      const refetch = await api('POST', `/hosts/${alpha}/refetch`, writer);
      expect(refetch.status).toBe(200);
      const [row] = await db.dataSource.query<Array<{ refetch_requested: number }>>('SELECT refetch_requested FROM hosts WHERE id = ?', [alpha]);
      expect(Number(row?.refetch_requested)).toBe(1);
      expect(await writesOnReplica()).toBe(writes);
    } finally {
      await pair.resumeReplication();
    }
    expect(await hostnames(reader)).toEqual(['alpha', 'bravo']);
  });

  it("shows a caller's own write on their next read while the replica lags; other callers read the replica", async () => {
    const writer = await signIn();
    const other = await signIn();
    const host = await addHost('charlie');
    await pair.waitForReplication();
    await pair.stopReplication();
    try {
      expect((await api('POST', `/hosts/${host}/refetch`, writer)).status).toBe(200);
      // The writer's read goes to the primary (their write is there); the other user's to the lagging replica.
      expect((await api('GET', `/hosts/${host}`, writer)).body.host).toMatchObject({ id: host, refetch_requested: true });
      expect((await api('GET', `/hosts/${host}`, other)).body.host).toMatchObject({ id: host, refetch_requested: false });

      const deleted = await api('DELETE', `/hosts/${host}`, writer);
      expect(deleted.status).toBe(200);
      expect((await api('GET', `/hosts/${host}`, writer)).status).toBe(404);
      expect((await api('GET', `/hosts/${host}`, other)).status).toBe(200);
    } finally {
      await pair.resumeReplication();
    }
    expect((await api('GET', `/hosts/${host}`, other)).status).toBe(404);
  });

  it('answers from the primary, with a warning, while the replica is down', async () => {
    const reader = await signIn();
    const host = await addHost('delta');
    await pair.waitForReplication();
    await pair.stopReplica();
    try {
      for (let i = 0; i < 3; i++) {
        expect(await hostnames(reader)).toContain('delta');
        expect((await api('GET', `/hosts/${host}`, reader)).status).toBe(200);
      }
      expect(app.logs.some((l) => l['msg'] === 'read replica unavailable; read from the primary')).toBe(true);
    } finally {
      await pair.startReplica();
    }
    // Once it is back (and the pool's rest for failed nodes is over), reads go to the replica again.
    await eventually('reads served by the replica again', async () => {
      const before = await pair.replicaSelects();
      await hostnames(reader);
      return (await pair.replicaSelects()) - before;
    }, (n) => n > 0, 30_000, 500);
  });
});
