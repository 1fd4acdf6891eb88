import { MetricsRegistry } from '@fleet/observability';
import { GLOBAL_SECRET, startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

const DETAILS = {
  os_version: { name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '4', patch: '0', platform: 'ubuntu', platform_like: 'debian', codename: 'jammy' },
  osquery_info: { version: '5.12.1', uuid: 'uuid-enroll-1', instance_id: 'inst-1', build_platform: 'ubuntu' },
  system_info: { hostname: 'web-01.example.com', uuid: 'uuid-enroll-1', hardware_serial: 'SER-1', cpu_brand: 'Intel', physical_memory: '8589934592', computer_name: 'web-01' },
};

describe('enroll (protocol §2)', () => {
  let kit: IngestKit;

  beforeAll(async () => {
    kit = await startIngestKit('enroll');
    await kit.db.dataSource.query("INSERT INTO teams (id, name) VALUES (7, 'Servers')");
    await kit.db.dataSource.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('team-seven-secret', 7)");
  });
  afterAll(() => kit.close());

  it.each(['/api/osquery/enroll', '/api/v1/osquery/enroll'])('issues a 32-character node key on %s and stores the enroll details', async (path) => {
    const id = `host-${path.length}`;
    const res = await kit.post(path, { enroll_secret: GLOBAL_SECRET, host_identifier: id, platform_type: '9', host_details: DETAILS });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['node_key']);
    expect(res.json['node_key']).toMatch(/^[A-Za-z0-9+/]{32}$/);
    const [host] = await kit.db.dataSource.query('SELECT * FROM hosts WHERE osquery_host_id = ?', [id]);
    expect(host).toMatchObject({ hostname: 'web-01.example.com', platform: 'ubuntu', osquery_version: '5.12.1', hardware_serial: 'SER-1', team_id: null, refetch_requested: 1 });
    const members = await kit.db.dataSource.query("SELECT l.name FROM label_membership m JOIN labels l ON l.id = m.label_id WHERE m.host_id = ?", [host.id]);
    expect(members).toEqual([{ name: 'All Hosts' }]);
  });

  it('puts the host in the team of its secret', async () => {
    await kit.post('/api/osquery/enroll', { enroll_secret: 'team-seven-secret', host_identifier: 'team-host', host_details: {} });
    const [host] = await kit.db.dataSource.query('SELECT team_id FROM hosts WHERE osquery_host_id = ?', ['team-host']);
    expect(host.team_id).toBe(7);
  });

  it('refuses an unknown or empty secret with node_invalid, and creates no host', async () => {
    for (const secret of ['wrong', '']) {
      const res = await kit.post('/api/osquery/enroll', { enroll_secret: secret, host_identifier: 'intruder' });
      expect(res.status).toBe(401);
      expect(res.json['node_invalid']).toBe(true);
      expect(typeof res.json['error']).toBe('string');
    }
    expect(await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'intruder'")).toEqual([]);
  });

  it('gives a re-enrolling host a new key and invalidates the old one, keeping one host row', async () => {
    const first = await kit.enroll('reenroller');
    const ok = await kit.post('/api/osquery/config', { node_key: first });
    expect(ok.json['node_invalid']).toBeUndefined();
    const second = await kit.enroll('reenroller');
    expect(second).not.toBe(first);
    const old = await kit.post('/api/osquery/config', { node_key: first });
    expect(old.json['node_invalid']).toBe(true);
    const fresh = await kit.post('/api/osquery/config', { node_key: second });
    expect(fresh.json['options']).toBeDefined();
    expect(await kit.db.dataSource.query("SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id = 'reenroller'")).toEqual([{ n: 1 }]);
  });

  it('counts enrolls of an identifier that already had a node key', async () => {
    await kit.enroll('dup-1');
    await kit.enroll('dup-1');
    const text = await kit.app.app.get(MetricsRegistry).text();
    expect(text).toMatch(/fleet_agent_duplicate_identifier_enrolls_total\{role="ingest"\} [1-9]/);
  });

  it('refuses an identifier longer than the 255 characters a host row keeps, so two long identifiers never merge into one host', async () => {
    const stem = 'x'.repeat(299);
    for (const id of [`${stem}a`, `${stem}b`]) {
      const res = await kit.post('/api/osquery/enroll', { enroll_secret: GLOBAL_SECRET, host_identifier: id, host_details: {} });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: 'enroll failed: host identifier is 300 characters long; at most 255 are accepted' });
    }
    expect(await kit.db.dataSource.query('SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id LIKE ?', [`${'x'.repeat(200)}%`])).toEqual([{ n: 0 }]);
    // 255 characters, counted as MySQL counts them (code points, not UTF-16 units), still enroll.
    const longest = '\u{1F600}'.repeat(255);
    const res = await kit.post('/api/osquery/enroll', { enroll_secret: GLOBAL_SECRET, host_identifier: longest, host_details: {} });
    expect(typeof res.json['node_key']).toBe('string');
    expect(await kit.db.dataSource.query('SELECT COUNT(*) AS n FROM hosts WHERE osquery_host_id = ?', [longest])).toEqual([{ n: 1 }]);
  });

  it('answers a malformed enroll with a clear error and no node key', async () => {
    const res = await kit.post('/api/osquery/enroll', { enroll_secret: 12, host_identifier: ['x'] });
    expect(res.status).toBe(400);
    expect(res.json['error']).toMatch(/enroll_secret/);
    expect(res.json['node_key']).toBeUndefined();
  });
});

describe('enroll cooldown', () => {
  let kit: IngestKit;
  beforeAll(async () => {
    kit = await startIngestKit('cooldown', { osquery_enroll_cooldown: '1h' });
  });
  afterAll(() => kit.close());

  it('refuses a second enroll of one identifier within the cooldown', async () => {
    await kit.enroll('cool-1');
    const res = await kit.post('/api/osquery/enroll', { enroll_secret: GLOBAL_SECRET, host_identifier: 'cool-1' });
    expect(res.json['node_invalid']).toBe(true);
    expect(res.json['error']).toBe('host identified by cool-1 enrolling too often');
  });
});
