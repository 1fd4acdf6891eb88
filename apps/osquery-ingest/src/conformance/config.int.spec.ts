import { AGENT_STREAMS } from '@fleet/contracts';
import { FixedClock } from '@fleet/domain';
import { hostCacheKeys } from '@fleet/messaging';
import { VERSION_CHECK_MS } from '../config/agent-catalog.cache';
import { startIngestKit, startIngestReplica } from '../testing/ingest-test-kit';
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

  it('stores the intervals once: a replica that never saw the host (or a restarted one) queues nothing for intervals already stored', async () => {
    const settled = await kit.enroll('settled-host');
    const drifted = await kit.enroll('drifted-host');
    const ids = new Map((await kit.db.dataSource.query<Array<{ id: number; o: string }>>("SELECT id, osquery_host_id AS o FROM hosts WHERE osquery_host_id IN ('settled-host', 'drifted-host')")).map((r) => [r.o, r.id]));
    for (const nodeKey of [settled, drifted]) await kit.post('/api/osquery/config', { node_key: nodeKey });
    await kit.waitFor('SELECT COUNT(*) AS n FROM hosts WHERE id IN (?) AND distributed_interval = 10 AND logger_tls_period = 10', [[...ids.values()]], (r) => Number(r[0]?.['n']) === 2);
    // The drifted host's stored intervals no longer match its config (as if an older server had written others).
    await kit.db.dataSource.query('UPDATE hosts SET logger_tls_period = 99 WHERE id = ?', [ids.get('drifted-host')]);
    await kit.app.redis.del(hostCacheKeys.byNodeKey(drifted));
    const writesQueued = async (): Promise<string> => {
      // (ioredis adds the key prefix to XINFO's key only when told: XINFO's key is not in its first argument.)
      const info = (await kit.app.redis.xinfo('STREAM', `${kit.config.redis.key_prefix}${AGENT_STREAMS.hostWrites.key}`)) as unknown[];
      return String(info[info.indexOf('last-generated-id') + 1]);
    };
    const fetchConfig = async (url: string, nodeKey: string): Promise<void> => {
      const res = await fetch(`${url}/api/osquery/config`, { method: 'POST', body: JSON.stringify({ node_key: nodeKey }), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(200);
    };
    // The agent's own config refresh flag, as the osquery_flags detail query stores it: the config sets none, so no
    // config fetch may write it back.
    await kit.db.dataSource.query('UPDATE hosts SET config_tls_refresh = 300 WHERE id = ?', [ids.get('settled-host')]);
    await kit.app.redis.del(hostCacheKeys.byNodeKey(settled));
    const before = await writesQueued();
    // A fresh replica finds the settled host in Redis, whose copy the first fetch updated; a second one, after the
    // Redis copy is gone (expired, or Redis restarted), reads it from MySQL. Neither queues the same intervals again.
    const fromRedis = await startIngestReplica(kit);
    const fromMysql = await startIngestReplica(kit).catch(async (err: unknown) => { await fromRedis.close(); throw err; });
    try {
      await fetchConfig(fromRedis.url, settled);
      expect(await writesQueued()).toBe(before);
      await kit.app.redis.del(hostCacheKeys.byNodeKey(settled));
      await fetchConfig(fromMysql.url, settled);
      expect(await writesQueued()).toBe(before);
      // The drifted host's differ from what MySQL stores: queued, and MySQL gets the config's back.
      await fetchConfig(fromMysql.url, drifted);
      expect(await writesQueued()).not.toBe(before);
      await kit.waitFor('SELECT logger_tls_period FROM hosts WHERE id = ?', [ids.get('drifted-host')], (r) => r[0]?.['logger_tls_period'] === 10);
      const [row] = await kit.db.dataSource.query<Array<{ c: number }>>('SELECT config_tls_refresh AS c FROM hosts WHERE id = ?', [ids.get('settled-host')]);
      expect(Number(row?.c)).toBe(300);
    } finally {
      await Promise.all([fromRedis.close(), fromMysql.close()]);
    }
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
