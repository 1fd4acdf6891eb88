import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_STREAMS } from '@fleet/contracts';
import { closeRedis, createRedis } from '@fleet/messaging';
import { eventually, TcpProxy } from '@fleet/testing';
import type { TestApp } from '@fleet/testing';
import { startIngestKit, startIngestReplica } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

/**
 * "Nothing lost that an agent was told was accepted" (README), against the real MariaDB and Redis: agent data
 * that an ingest replica accepted reaches MySQL exactly once in effect, when the replica that took it from
 * the stream dies before writing it, and when MySQL was down at the time.
 */
describe('agent data an agent was told was accepted', () => {
  const logDir = mkdtempSync(join(tmpdir(), 'fleet-durability-'));
  const flags = { filesystem_result_log_file: join(logDir, 'result.log'), filesystem_status_log_file: join(logDir, 'status.log') };

  /** One host's distributed/write: two labels matched, a policy failing, two users, two software items. */
  const write = (nodeKey: string, labels: number[], policyId: number) => ({
    node_key: nodeKey,
    queries: {
      ...Object.fromEntries(labels.map((l) => [`fleet_label_query_${l}`, [{ '1': '1' }]])),
      [`fleet_policy_query_${policyId}`]: [],
      fleet_detail_query_users: [{ uid: '0', username: 'root', type: '', groupname: 'root', shell: '/bin/sh' }, { uid: '1000', username: 'alice', type: '', groupname: 'alice', shell: '/bin/bash' }],
      fleet_detail_query_software_linux: [{ name: 'curl', version: '7.81.0', source: 'deb_packages', vendor: '', arch: 'amd64', release: '' }, { name: 'openssl', version: '3.0.2', source: 'deb_packages', vendor: '', arch: 'amd64', release: '' }],
    },
    statuses: {},
  });
  /** One /log request whose snapshot becomes a query report of two rows. */
  const snapshot = (identifier: string) => ({
    log_type: 'result', data: [{ name: 'pack/Global/usb', hostIdentifier: identifier, unixTime: 1704067200, action: 'snapshot', snapshot: [{ model: 'Keyboard' }, { model: 'Mouse' }] }],
  });
  const count = async (kit: IngestKit, sql: string, params: unknown[]): Promise<number> => Number((await kit.db.dataSource.query<Array<{ n: number | string }>>(sql, params))[0]?.n);
  const setup = async (kit: IngestKit, hosts: string[]) => {
    const ds = kit.db.dataSource;
    await ds.query("INSERT INTO policies (name, query, description, resolution, platforms) VALUES ('p', 'SELECT 1', '', '', '')");
    await ds.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type) VALUES ('usb', '', 'SELECT * FROM usb_devices', 60, 'snapshot')");
    const [{ id: policyId }] = await ds.query<Array<{ id: number }>>("SELECT id FROM policies WHERE name = 'p'");
    const labels = (await ds.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name IN ('macOS', 'Ubuntu Linux') ORDER BY id")).map((l) => l.id);
    const nodeKeys: string[] = [];
    for (const h of hosts) {
      const nodeKey = await kit.enroll(h);
      // The config fetch loads the agent catalog into the process, so /log works while MySQL is away.
      expect((await kit.post('/api/osquery/config', { node_key: nodeKey })).status).toBe(200);
      nodeKeys.push(nodeKey);
    }
    const ids = (await ds.query<Array<{ id: number }>>('SELECT id FROM hosts WHERE osquery_host_id IN (?) ORDER BY id', [hosts])).map((r) => r.id);
    return { policyId, labels, nodeKeys, ids };
  };
  /** Rows the writes above leave, per table, for these hosts; each count is exact (a replayed batch must not add any). */
  const rows = async (kit: IngestKit, ids: number[], labels: number[], policyId: number) => ({
    labels: await count(kit, 'SELECT COUNT(*) AS n FROM label_membership WHERE host_id IN (?) AND label_id IN (?)', [ids, labels]),
    policies: await count(kit, 'SELECT COUNT(*) AS n FROM policy_membership WHERE host_id IN (?) AND policy_id = ? AND passes = 0', [ids, policyId]),
    users: await count(kit, 'SELECT COUNT(*) AS n FROM host_users WHERE host_id IN (?)', [ids]),
    software: await count(kit, 'SELECT COUNT(*) AS n FROM host_software WHERE host_id IN (?)', [ids]),
    reports: await count(kit, 'SELECT COUNT(*) AS n FROM query_results WHERE host_id IN (?)', [ids]),
  });
  const accepted = { status: 200, json: {} };

  describe('when the replica holding a batch dies before acknowledging it', () => {
    const mysql = new TcpProxy('127.0.0.1', 3306);
    let kit: IngestKit;
    let replica: TestApp | undefined;

    beforeAll(async () => {
      await mysql.open();
      // The first replica reaches MySQL through a proxy the test cuts; the claim time is short instead of 1 minute.
      kit = await startIngestKit('durability_kill', { ...flags, osquery_async_host_collect_lock_timeout: '400ms' }, (c) => ({ ...c, mysql: { ...c.mysql, address: mysql.address } }));
    });
    afterAll(async () => {
      await replica?.close();
      await kit.db.drop();
      await mysql.cut();
    });

    it('lets another replica claim and write it: nothing lost, nothing doubled', async () => {
      const { policyId, labels, nodeKeys, ids } = await setup(kit, ['kill-1', 'kill-2', 'kill-3']);
      // A client of the test's own: the first replica's closes with it.
      const redis = createRedis(kit.config);
      const pendingWrites = async () => ((await redis.xpending(AGENT_STREAMS.hostWrites.key, AGENT_STREAMS.hostWrites.group)) as [number])[0];

      // Hold host 1's row, so the first replica's transaction waits inside its handler with the batch read and unacknowledged.
      const lock = kit.db.dataSource.createQueryRunner();
      await lock.connect();
      await lock.startTransaction();
      await lock.query('SELECT id FROM hosts WHERE id = ? FOR UPDATE', [ids[0]]);
      expect(await kit.post('/api/osquery/distributed/write', write(nodeKeys[0], labels, policyId))).toEqual(accepted);
      await eventually('the first replica read the batch', pendingWrites, (n) => n === 1, 10_000, 20);

      // The replica "dies": its MySQL connections drop mid-transaction (rolled back), and it stops without acknowledging.
      await mysql.cut();
      for (const [i, nodeKey] of nodeKeys.entries()) {
        if (i > 0) expect(await kit.post('/api/osquery/distributed/write', write(nodeKey, labels, policyId))).toEqual(accepted);
        expect(await kit.post('/api/osquery/log', { node_key: nodeKey, ...snapshot(`kill-${i + 1}`) })).toEqual(accepted);
      }
      await kit.app.close();
      await lock.rollbackTransaction();
      await lock.release();
      expect(await pendingWrites()).toBeGreaterThanOrEqual(1);
      expect(await rows(kit, ids, labels, policyId)).toEqual({ labels: 0, policies: 0, users: 0, software: 0, reports: 0 });

      // Another replica on the same database and Redis claims what the dead one held and writes everything once.
      replica = await startIngestReplica(kit, (c) => ({ ...c, mysql: kit.db.config.mysql }));
      const expected = { labels: 6, policies: 3, users: 6, software: 6, reports: 6 };
      await eventually('everything written', () => rows(kit, ids, labels, policyId), (r) => JSON.stringify(r) === JSON.stringify(expected), 15_000, 100);
      await eventually('everything acknowledged', async () => [await pendingWrites(), await redis.xlen(AGENT_STREAMS.hostWrites.key), await redis.xlen(AGENT_STREAMS.queryReports.key)], (v) => v.every((n) => n === 0), 5000, 50);
      expect(await rows(kit, ids, labels, policyId)).toEqual(expected);
      expect(replica.logs.some((l) => l['msg'] === 'claimed entries of a stopped consumer')).toBe(true);
      await closeRedis(redis);
    });
  });

  describe('when MySQL is down as the agent writes', () => {
    const mysql = new TcpProxy('127.0.0.1', 3306);
    let kit: IngestKit;

    beforeAll(async () => {
      await mysql.open();
      kit = await startIngestKit('durability_mysql', flags, (c) => ({ ...c, mysql: { ...c.mysql, address: mysql.address } }));
    });
    afterAll(async () => {
      await mysql.open().catch(() => undefined);
      await kit.close();
      await mysql.cut();
    });

    it('accepts the write (200, no error) and lands it in MySQL once MySQL is back', async () => {
      const { policyId, labels, nodeKeys, ids } = await setup(kit, ['outage-1']);
      await mysql.cut();
      expect(await kit.post('/api/osquery/distributed/write', write(nodeKeys[0], labels, policyId))).toEqual(accepted);
      expect(await kit.post('/api/osquery/log', { node_key: nodeKeys[0], ...snapshot('outage-1') })).toEqual(accepted);
      expect(await rows(kit, ids, labels, policyId)).toEqual({ labels: 0, policies: 0, users: 0, software: 0, reports: 0 });
      await mysql.open();
      const expected = { labels: 2, policies: 1, users: 2, software: 2, reports: 2 };
      await eventually('written after MySQL returned', () => rows(kit, ids, labels, policyId), (r) => JSON.stringify(r) === JSON.stringify(expected), 15_000, 100);
    });
  });
});
