import { FixedClock } from '@fleet/domain';
import { liveQueryKeys } from '@fleet/messaging';
import { ACTIVE_CAMPAIGNS_TTL_MS } from '../distributed/live-query.reader';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

const UBUNTU = {
  fleet_detail_query_os_version: [{ name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '4', patch: '0', build: '', platform: 'ubuntu', platform_like: 'debian', codename: 'jammy', arch: 'x86_64' }],
  fleet_detail_query_osquery_info: [{ version: '5.12.1', build_platform: 'ubuntu', uuid: 'U-1', instance_id: 'I-1', pid: '10', start_time: '1700000000' }],
  fleet_detail_query_system_info: [{ hostname: 'db-7.example.com', uuid: 'U-1', hardware_serial: 'S-7', hardware_vendor: 'Dell', hardware_model: 'R740', cpu_brand: 'Xeon', cpu_type: 'x86_64', cpu_physical_cores: '8', cpu_logical_cores: '16', physical_memory: '17179869184', computer_name: 'db-7' }],
  fleet_detail_query_uptime: [{ total_seconds: '3600' }],
  fleet_detail_query_users: [{ uid: '1000', username: 'alice', type: '', groupname: 'alice', shell: '/bin/bash' }],
  fleet_detail_query_software_linux: [
    { name: 'openssl', version: '3.0.2', source: 'deb_packages', vendor: '', arch: 'amd64', release: '' },
    { name: 'curl', version: '7.81.0', source: 'deb_packages', vendor: '', arch: 'amd64', release: '' },
  ],
};

describe('distributed read and write (protocol §5)', () => {
  let kit: IngestKit;
  let nodeKey: string;
  let hostId: number;
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));

  beforeAll(async () => {
    kit = await startIngestKit('distributed', {}, undefined, { clock });
    await kit.db.dataSource.query("INSERT INTO policies (name, query, description, resolution, platforms) VALUES ('ssh off', 'SELECT 1 FROM processes WHERE name = \"sshd\"', '', '', ''), ('win only', 'SELECT 1', '', '', 'windows')");
    nodeKey = await kit.enroll('dist-host');
    [{ id: hostId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'dist-host'");
  });
  afterAll(() => kit.close());

  it('asks a new host for its vitals, labels and policies, accelerated, with a discovery entry per query', async () => {
    const res = await kit.post('/api/v1/osquery/distributed/read', { node_key: nodeKey });
    expect(res.status).toBe(200);
    const queries = res.json['queries'] as Record<string, string>;
    const discovery = res.json['discovery'] as Record<string, string>;
    expect(Object.keys(queries)).toEqual(expect.arrayContaining(['fleet_detail_query_os_version', 'fleet_detail_query_osquery_info', 'fleet_detail_query_system_info', 'fleet_label_query_1']));
    expect(Object.keys(discovery).sort()).toEqual(Object.keys(queries).sort());
    expect(Object.values(queries).every((sql) => sql.trim().length > 0)).toBe(true);
    expect(res.json['accelerate']).toBe(10);
  });

  it('accepts the NodeKey header instead of a body key', async () => {
    const res = await kit.post('/api/osquery/distributed/read', {}, { authorization: `NodeKey ${nodeKey}` });
    expect(res.status).toBe(200);
    expect(res.json['queries']).toBeDefined();
  });

  it('turns answers into vitals, users, software, label membership and policy results', async () => {
    const [{ id: macLabel }] = await kit.db.dataSource.query("SELECT id FROM labels WHERE name = 'macOS'");
    const [{ id: ubuntuLabel }] = await kit.db.dataSource.query("SELECT id FROM labels WHERE name = 'Ubuntu Linux'");
    const [{ id: sshPolicy }] = await kit.db.dataSource.query("SELECT id FROM policies WHERE name = 'ssh off'");
    const res = await kit.post('/api/osquery/distributed/write', {
      node_key: nodeKey,
      queries: { ...UBUNTU, [`fleet_label_query_${ubuntuLabel}`]: [{ '1': '1' }], [`fleet_label_query_${macLabel}`]: [], [`fleet_policy_query_${sshPolicy}`]: [] },
      statuses: { fleet_detail_query_os_version: 0, fleet_detail_query_users: '0', [`fleet_policy_query_${sshPolicy}`]: 0 },
      messages: { fleet_detail_query_os_version: '' },
      stats: { fleet_detail_query_os_version: { wall_time_ms: 2, user_time: 1, system_time: 0, memory: 0 } },
    });
    expect(res).toEqual({ status: 200, json: {} });
    const [host] = await kit.waitFor<Record<string, unknown>>('SELECT * FROM hosts WHERE id = ?', [hostId], (r) => r[0]?.['hostname'] === 'db-7.example.com');
    expect(host).toMatchObject({ platform: 'ubuntu', os_version: 'Ubuntu 22.04.4 LTS', osquery_version: '5.12.1', memory: 17179869184, uptime: 3600, cpu_logical_cores: 16, hardware_serial: 'S-7', refetch_requested: 0 });
    const labels = await kit.waitFor('SELECT label_id FROM label_membership WHERE host_id = ? ORDER BY label_id', [hostId], (r) => r.length === 2);
    expect(labels.map((l) => l['label_id'])).toEqual([1, ubuntuLabel]);
    const policies = await kit.db.dataSource.query('SELECT policy_id, passes FROM policy_membership WHERE host_id = ?', [hostId]);
    expect(policies).toEqual([{ policy_id: sshPolicy, passes: 0 }]);
    expect(await kit.db.dataSource.query('SELECT username, shell FROM host_users WHERE host_id = ?', [hostId])).toEqual([{ username: 'alice', shell: '/bin/bash' }]);
    const software = await kit.db.dataSource.query('SELECT s.name, s.version FROM host_software hs JOIN software s ON s.id = hs.software_id WHERE hs.host_id = ? ORDER BY s.name', [hostId]);
    expect(software).toEqual([{ name: 'curl', version: '7.81.0' }, { name: 'openssl', version: '3.0.2' }]);
  });

  it('stops asking for vitals once answered, and sends platform-specific policies only where they apply', async () => {
    const res = await kit.post('/api/osquery/distributed/read', { node_key: nodeKey });
    const names = Object.keys(res.json['queries'] as object);
    expect(names.filter((n) => n.startsWith('fleet_detail_query_'))).toEqual([]);
    expect(res.json['accelerate']).toBeUndefined();
  });

  it('keeps prior vitals when a detail query failed, and records a failed policy as unknown', async () => {
    const [{ id: sshPolicy }] = await kit.db.dataSource.query("SELECT id FROM policies WHERE name = 'ssh off'");
    await kit.post('/api/osquery/distributed/write', {
      node_key: nodeKey,
      queries: { fleet_detail_query_system_info: [], [`fleet_policy_query_${sshPolicy}`]: [] },
      statuses: { fleet_detail_query_system_info: 1, [`fleet_policy_query_${sshPolicy}`]: 1 },
      messages: { fleet_detail_query_system_info: 'no such table: system_info' },
    });
    await kit.waitFor('SELECT passes FROM policy_membership WHERE host_id = ? AND policy_id = ?', [hostId, sshPolicy], (r) => r[0]?.['passes'] === null);
    const [host] = await kit.db.dataSource.query('SELECT hostname FROM hosts WHERE id = ?', [hostId]);
    expect(host.hostname).toBe('db-7.example.com');
  });

  it('hands out live queries of active campaigns targeting the host and appends the answers to the campaign stream', async () => {
    const redis = kit.app.redis;
    await redis.sadd(liveQueryKeys.active, '42');
    await redis.set(liveQueryKeys.sql(42), 'SELECT pid, name FROM processes;');
    await redis.setbit(liveQueryKeys.targets(42), hostId, 1);
    clock.advance(ACTIVE_CAMPAIGNS_TTL_MS + 1);
    const read = await kit.post('/api/osquery/distributed/read', { node_key: nodeKey });
    expect((read.json['queries'] as Record<string, string>)['fleet_distributed_query_42']).toBe('SELECT pid, name FROM processes;');
    await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_distributed_query_42: [{ pid: '1', name: 'init' }] }, statuses: { fleet_distributed_query_42: 0 } });
    const entries = await redis.xrange(liveQueryKeys.results(42), '-', '+');
    expect(entries).toHaveLength(1);
    const message = JSON.parse(entries[0][1][1]) as Record<string, unknown>;
    expect(message).toMatchObject({ type: 'result', host_id: hostId, rows: [{ pid: '1', name: 'init' }], error: null });
    expect(await redis.getbit(liveQueryKeys.targets(42), hostId)).toBe(0);
    const again = await kit.post('/api/osquery/distributed/read', { node_key: nodeKey });
    expect((again.json['queries'] as Record<string, string>)['fleet_distributed_query_42']).toBeUndefined();
  });

  it('refuses answers from hosts the campaign did not target and second answers from the same host', async () => {
    const redis = kit.app.redis;
    const otherKey = await kit.enroll('dist-other-team-host');
    const [{ id: otherId }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'dist-other-team-host'");
    await redis.sadd(liveQueryKeys.active, '43');
    await redis.set(liveQueryKeys.sql(43), 'SELECT 1;');
    await redis.setbit(liveQueryKeys.targets(43), hostId, 1);
    const forged = await kit.post('/api/osquery/distributed/write', { node_key: otherKey, queries: { fleet_distributed_query_43: [{ forged: 'yes' }] }, statuses: { fleet_distributed_query_43: 0 } });
    expect(forged).toEqual({ status: 200, json: {} });
    expect(await redis.xlen(liveQueryKeys.results(43))).toBe(0);
    expect(await redis.getbit(liveQueryKeys.targets(43), hostId)).toBe(1);
    expect(await redis.getbit(liveQueryKeys.targets(43), otherId)).toBe(0);

    await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_distributed_query_43: [{ real: '1' }] }, statuses: { fleet_distributed_query_43: 0 } });
    await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_distributed_query_43: [{ again: '1' }] }, statuses: { fleet_distributed_query_43: 0 } });
    const entries = await redis.xrange(liveQueryKeys.results(43), '-', '+');
    expect(entries.map((e) => (JSON.parse(e[1][1]) as { rows: unknown }).rows)).toEqual([[{ real: '1' }]]);
    const metrics = await (await fetch(`${kit.app.url}/metrics`)).text();
    expect(metrics).toMatch(/fleet_live_query_answers_refused_total\{reason="not_targeted"[^}]*\} 2/);
  });

  it('stores an answer over the size bound as that host\'s error, without its rows', async () => {
    const redis = kit.app.redis;
    await redis.sadd(liveQueryKeys.active, '44');
    await redis.set(liveQueryKeys.sql(44), 'SELECT * FROM file;');
    await redis.setbit(liveQueryKeys.targets(44), hostId, 1);
    const limit = kit.config.osquery.max_live_query_answer_size;
    const rows = Array.from({ length: Math.ceil(limit / 1000) + 10 }, (_, i) => ({ path: `/${i}`, data: 'x'.repeat(1000) }));
    const res = await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_distributed_query_44: rows }, statuses: { fleet_distributed_query_44: 0 } });
    expect(res).toEqual({ status: 200, json: {} });
    const [[, fields]] = await redis.xrange(liveQueryKeys.results(44), '-', '+');
    expect(JSON.parse(fields[1])).toMatchObject({ host_id: hostId, rows: [], error: expect.stringContaining('max_live_query_answer_size') });
  });

  it('accepts very old agents that send "" for empty results and string statuses', async () => {
    const res = await kit.post('/api/osquery/distributed/write', { node_key: nodeKey, queries: { fleet_label_query_2: '' }, statuses: { fleet_label_query_2: '0' } });
    expect(res).toEqual({ status: 200, json: {} });
  });
});
