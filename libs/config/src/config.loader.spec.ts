import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, dumpConfig, loadConfig, parseBytes, parseDuration } from './index';

function yamlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-config-'));
  const path = join(dir, 'fleet.yml');
  writeFileSync(path, text);
  return path;
}

describe('loadConfig precedence', () => {
  const file = yamlFile('mysql:\n  address: file-host:3306\n  database: from_file\nredis:\n  database: 4\nprometheus:\n  basic_auth:\n    username: metrics\n    password: s3cret\n');

  it('uses the default when no source sets an option', () => {
    const c = loadConfig({});
    expect(c.mysql.address).toBe('localhost:3306');
    expect(c.server.address).toBe('0.0.0.0:8080');
    expect(c.osquery.detail_update_interval).toBe(3_600_000);
    expect(c.server.tls).toBe(true);
  });

  it('takes the file over the default, with nested keys', () => {
    const c = loadConfig({ configFile: file });
    expect(c.mysql.address).toBe('file-host:3306');
    expect(c.redis.database).toBe(4);
    expect(c.prometheus.basic_auth.username).toBe('metrics');
  });

  it('takes FLEET_* environment over the file', () => {
    const c = loadConfig({ configFile: file, env: { FLEET_MYSQL_ADDRESS: 'env-host:3306', FLEET_REDIS_DATABASE: '5' } });
    expect(c.mysql.address).toBe('env-host:3306');
    expect(c.redis.database).toBe(5);
    expect(c.mysql.database).toBe('from_file');
  });

  it('takes flags over the environment', () => {
    const c = loadConfig({
      configFile: file,
      env: { FLEET_MYSQL_ADDRESS: 'env-host:3306', FLEET_LOGGING_JSON: 'false' },
      flags: { mysql_address: 'flag-host:3306', logging_json: true, server_tls: 'false' },
    });
    expect(c.mysql.address).toBe('flag-host:3306');
    expect(c.logging.json).toBe(true);
    expect(c.server.tls).toBe(false);
  });

  it('reads the conventional proxy and OTLP variables', () => {
    const c = loadConfig({ env: { HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'localhost', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' } });
    expect(c.env.httpsProxy).toBe('http://proxy:3128');
    expect(c.env.noProxy).toBe('localhost');
    expect(c.env.otlpEndpoint).toBe('http://otel:4318');
  });
});

describe('loadConfig validation', () => {
  it('lists every bad value with where it came from', () => {
    const file = yamlFile('mysql:\n  max_open_conns: many\nserver:\n  tls_compatibilty: modern\n');
    let error: ConfigError | undefined;
    try {
      loadConfig({
        configFile: file,
        env: { FLEET_REDIS_DATABASE: '99' },
        flags: { osquery_detail_update_interval: 'soon', server_tls_compatibility: 'ancient' },
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        'config file: unknown option server.tls_compatibilty',
        'mysql.max_open_conns (config file key mysql.max_open_conns): expected an integer, got "many"',
        'redis.database (environment FLEET_REDIS_DATABASE): must be between 0 and 15, got 99',
        'osquery.detail_update_interval (flag --osquery_detail_update_interval): expected a duration such as 30s or 1h, got "soon"',
        'server.tls_compatibility (flag --server_tls_compatibility): must be one of intermediate, modern, got "ancient"',
      ]),
    );
    expect(error?.problems).toHaveLength(5);
    expect(error?.message).toContain('invalid configuration:\n  - ');
  });

  it('checks options that depend on each other', () => {
    expect(() => loadConfig({ flags: { server_cert: '/x.crt' } })).toThrow('server.cert and server.key must be set together');
    expect(() => loadConfig({ flags: { osquery_result_log_plugin: 'webhook' } })).toThrow('webhook.result_url is empty');
    expect(() => loadConfig({ flags: { server_url_prefix: 'fleet' } })).toThrow('server.url_prefix must look like /fleet');
  });

  it('reports an unreadable config file', () => {
    expect(() => loadConfig({ configFile: '/nonexistent/fleet.yml' })).toThrow(/config file \/nonexistent\/fleet.yml/);
  });
});

describe('value formats', () => {
  it('parses Go-style durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('5 minutes')).toBeUndefined();
  });

  it('parses byte sizes', () => {
    expect(parseBytes('10MiB')).toBe(10 * 1024 * 1024);
    expect(parseBytes('500KB')).toBe(500_000);
    expect(parseBytes('1G')).toBe(1e9);
    expect(parseBytes('12 parsecs')).toBeUndefined();
  });
});

describe('dumpConfig', () => {
  it('redacts secrets that are set and keeps everything else', () => {
    const text = dumpConfig(loadConfig({ flags: { mysql_password: 'hunter2', redis_password: 'r3d1s', mysql_username: 'admin' } }));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('r3d1s');
    expect(text).toMatch(/password: "\*{8}"/);
    expect(text).toContain('username: admin');
  });
});

describe('log_routing.destinations (a structured option)', () => {
  const yaml = [
    'log_routing:',
    '  destinations:',
    '    - name: siem',
    '      kind: nats',
    '      log_types: result',
    '      include: [{ query: "detect_*" }, { label: [Servers, "Crown *"] }]',
    '      nats: { server: "nats://u:pw@127.0.0.1:4222", result_subject: osquery.detections }',
    '    - name: lake',
    '      kind: amqp',
    '      exclude: [{ team: [0, Sandbox] }]',
    '      amqp: { url: "amqp://guest:guest@127.0.0.1:5672", exchange: osquery }',
  ].join('\n');

  it('reads a YAML list with defaults filled and single values made lists', () => {
    const c = loadConfig({ configFile: yamlFile(yaml) });
    const [siem, lake] = c.log_routing.destinations;
    expect(siem).toMatchObject({ name: 'siem', kind: 'nats', log_types: ['result'], include: [{ query: ['detect_*'] }, { label: ['Servers', 'Crown *'] }], exclude: [], batch_size: 500 });
    expect(siem?.kind === 'nats' && siem.nats).toMatchObject({ jetstream: true, timeout: 30_000 });
    expect(lake).toMatchObject({ name: 'lake', kind: 'amqp', log_types: ['result', 'status'], exclude: [{ team: [0, 'Sandbox'] }] });
    expect(lake?.kind === 'amqp' && lake.amqp).toMatchObject({ exchange: 'osquery', exchange_type: 'topic', routing_key: 'osquery.{log_type}' });
  });

  it('takes JSON from the environment over the file', () => {
    const c = loadConfig({ configFile: yamlFile(yaml), env: { FLEET_LOG_ROUTING_DESTINATIONS: '[{"name":"out","kind":"stdout"}]' } });
    expect(c.log_routing.destinations.map((d) => d.name)).toEqual(['out']);
  });

  it('reports what is wrong with a destination', () => {
    const bad = '[{"name":"a","kind":"nats","log_types":["status"],"nats":{"server":"nats://x"}},{"name":"a","kind":"stdout","bogus":1}]';
    expect(() => loadConfig({ env: { FLEET_LOG_ROUTING_DESTINATIONS: bad } })).toThrow(/a status subject is needed/);
    expect(() => loadConfig({ env: { FLEET_LOG_ROUTING_DESTINATIONS: '[{"name":"Bad Name","kind":"stdout"}]' } })).toThrow(/log_routing\.destinations .*lower-case/);
    expect(() => loadConfig({ env: { FLEET_LOG_ROUTING_DESTINATIONS: '{not json' } })).toThrow(/log_routing\.destinations/);
  });

  it('hides passwords in broker URLs when dumped', () => {
    const dump = dumpConfig(loadConfig({ configFile: yamlFile(yaml) }));
    expect(dump).toContain('amqp://guest:********@127.0.0.1:5672');
    expect(dump).toContain('nats://u:********@127.0.0.1:4222');
    expect(dump).not.toContain('guest:guest');
  });

  it('needs nats.server and the subject when a Fleet log plugin is nats', () => {
    expect(() => loadConfig({ env: { FLEET_OSQUERY_RESULT_LOG_PLUGIN: 'nats' } })).toThrow(/nats\.server is empty[\s\S]*nats\.result_subject is empty/);
    expect(loadConfig({ env: { FLEET_OSQUERY_RESULT_LOG_PLUGIN: 'nats', FLEET_NATS_SERVER: 'nats://h:4222', FLEET_NATS_RESULT_SUBJECT: 'r' } }).osquery.result_log_plugin).toBe('nats');
  });
});
