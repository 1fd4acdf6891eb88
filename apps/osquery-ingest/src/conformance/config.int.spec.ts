import { FixedClock } from '@fleet/domain';
import { hostCacheKeys } from '@fleet/messaging';
import { VERSION_CHECK_MS } from '../config/agent-catalog.cache';
import { startIngestKit } from '../testing/ingest-test-kit';
import type { IngestKit } from '../testing/ingest-test-kit';

describe('config (protocol §3)', () => {
  let kit: IngestKit;
  const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));

  beforeAll(async () => {
    kit = await startIngestKit('config', {}, undefined, { clock });
    const ds = kit.db.dataSource;
    await ds.query("INSERT INTO teams (id, name, config) VALUES (3, 'Laptops', ?)", [JSON.stringify({ agent_options: { config: { options: { distributed_interval: 30, logger_tls_period: 20 } }, overrides: { platforms: { darwin: { options: { distributed_interval: 5 } } } } } })]);
    await ds.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('laptops', 3)");
    await ds.query(`INSERT INTO queries (name, description, query, schedule_interval, platform, min_osquery_version, logging_type, team_id) VALUES
      ('All USB devices', '', 'SELECT * FROM usb_devices;', 3600, '', '', 'snapshot', NULL),
      ('procs', '', 'SELECT name, pid FROM processes;', 300, 'darwin,linux', '5.0.0', 'differential', 3),
      ('not scheduled', '', 'SELECT 1;', 0, '', '', 'snapshot', NULL)`);
  });
  afterAll(() => kit.close());

  it('gives a global host Fleet\'s default agent options and the global schedule, never an empty config', async () => {
    const nodeKey = await kit.enroll('global-host');
    const res = await kit.post('/api/v1/osquery/config', { node_key: nodeKey });
    expect(res.status).toBe(200);
    expect(res.json['options']).toEqual({
      logger_plugin: 'tls', pack_delimiter: '/', logger_tls_period: 10, distributed_plugin: 'tls', disable_distributed: false,
      logger_tls_endpoint: '/api/osquery/log', distributed_interval: 10, distributed_tls_max_attempts: 3,
    });
    expect(res.json['decorators']).toEqual({ load: ['SELECT uuid AS host_uuid FROM system_info;', 'SELECT hostname AS hostname FROM system_info;'] });
    expect(res.json['packs']).toEqual({
      Global: { queries: { 'All USB devices': { query: 'SELECT * FROM usb_devices;', interval: 3600, platform: '', version: '', snapshot: true } } },
    });
  });

  it('uses the team\'s agent options, its platform override, and adds the team schedule', async () => {
    const nodeKey = await kit.enroll('team-host', 'laptops', { os_version: { platform: 'darwin', name: 'macOS', version: '14.4' } });
    const res = await kit.post('/api/osquery/config', {}, { authorization: `NodeKey ${nodeKey}` });
    expect(res.json['options']).toEqual({ distributed_interval: 5 });
    expect((res.json['packs'] as Record<string, unknown>)['team-3']).toEqual({
      queries: { procs: { query: 'SELECT name, pid FROM processes;', interval: 300, platform: 'darwin,linux', version: '5.0.0', removed: true } },
    });
    const [{ id }] = await kit.db.dataSource.query("SELECT id FROM hosts WHERE osquery_host_id = 'team-host'");
    await kit.waitFor('SELECT distributed_interval FROM hosts WHERE id = ?', [id], (r) => r[0]?.['distributed_interval'] === 5);
  });

  it('reflects a change of the global agent options at the next fetch once the change counter moves', async () => {
    const nodeKey = await kit.enroll('changing-host');
    await kit.db.dataSource.query('UPDATE app_config_json SET json_value = ? WHERE id = 1', [JSON.stringify({ agent_options: { config: { options: { distributed_interval: 42 } } } })]);
    await kit.app.redis.incr(hostCacheKeys.agentConfigVersion);
    clock.advance(VERSION_CHECK_MS);
    const res = await kit.post('/api/osquery/config', { node_key: nodeKey });
    expect(res.json['options']).toEqual({ distributed_interval: 42 });
  });
});
