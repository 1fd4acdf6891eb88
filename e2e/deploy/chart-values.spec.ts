import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ENV_ONLY, loadConfig, optionEntries } from '@fleet/config';
import type { ConfigError } from '@fleet/config';
import { CHART, chartValues, mergeValues, ROOT, run } from './support/chart-render';
import { VALUE_SETS } from './support/value-sets';

const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as { properties: { config: { properties: Record<string, unknown> } } };
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
/** The problems Helm would report for these user values (merged over the chart's own, as Helm validates). */
const problems = (over: Record<string, unknown>): string[] =>
  validate(mergeValues(chartValues(), over)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

describe('charts/fleet values.schema.json', () => {
  it('accepts the default values and every value set the chart tests render', () => {
    for (const values of Object.values(VALUE_SETS)) expect(problems((parse(values ?? '{}') as Record<string, unknown> | null) ?? {})).toEqual([]);
  });

  it('rejects a misspelt key anywhere in the chart\'s own values', () => {
    expect(problems({ roles: { ingest: { replica: 3 } } })).toContain('/roles/ingest must NOT have additional properties');
    expect(problems({ ingres: { enabled: false } })).toContain(' must NOT have additional properties');
    expect(problems({ probes: { readyness: {} } })).toContain('/probes must NOT have additional properties');
    expect(problems({ image: { pullPolicy: 'Sometimes' } })).toContain('/image/pullPolicy must be equal to one of the allowed values');
    expect(problems({ roles: { api: { autoscaling: { maxReplicas: 'ten' } } } })).toContain('/roles/api/autoscaling/maxReplicas must be integer');
  });

  it('checks the config map against the server\'s own options: unknown names, bad values, secrets and chart-set variables', () => {
    expect(problems({ config: { FLEET_SESION_DURATION: '12h' } })).toContain('/config must NOT have additional properties');
    expect(problems({ config: { FLEET_SESSION_DURATION: '12 hours' } })).toContain('/config/FLEET_SESSION_DURATION must match a schema in anyOf');
    expect(problems({ config: { FLEET_OSQUERY_RESULT_LOG_PLUGIN: 'kafka' } })).toContain('/config/FLEET_OSQUERY_RESULT_LOG_PLUGIN must be equal to one of the allowed values');
    expect(problems({ config: { FLEET_LOGGING_JSON: 'yes' } })).toContain('/config/FLEET_LOGGING_JSON must be equal to one of the allowed values');
    expect(problems({ config: { FLEET_MYSQL_MAX_OPEN_CONNS: 0 } })).toContain('/config/FLEET_MYSQL_MAX_OPEN_CONNS must be >= 1');
    expect(problems({ config: { FLEET_SERVER_DEFAULT_MAX_REQUEST_BODY_SIZE: '10 parsecs' } })).toContain('/config/FLEET_SERVER_DEFAULT_MAX_REQUEST_BODY_SIZE must match a schema in anyOf');
    // Passwords only from Secrets (extraEnv), and what the chart sets from mysql.* / redis.* not twice.
    expect(problems({ config: { FLEET_MYSQL_PASSWORD: 'hunter2' } })).toContain('/config must NOT have additional properties');
    expect(problems({ config: { FLEET_MYSQL_ADDRESS: 'db:3306' } })).toContain('/config must NOT have additional properties');
    expect(problems({ config: { FLEET_SESSION_DURATION: '12h', FLEET_MYSQL_MAX_OPEN_CONNS: '80', FLEET_SERVER_DEFAULT_MAX_REQUEST_BODY_SIZE: '10MiB', HTTPS_PROXY: 'http://proxy:3128' } })).toEqual([]);
  });

  it('agrees with the server: what the schema accepts for an option the server accepts, and the other way round', () => {
    // An integer's range is checked when it is written as a number (a JSON schema cannot compare a string's value).
    const samples: Record<string, Array<string | number | boolean>> = {
      duration: ['90s', '1h30m', '250ms', '12', 'soon', 30], bytes: ['10MiB', '500KB', '1G', '1048576', 'lots', 4096], int: [0, 1, 15, -3, 100_000, 'x'], bool: ['true', '0', 'yes', true], string: ['anything'],
    };
    const options = schema.properties.config.properties;
    for (const e of optionEntries()) {
      if (!(e.envVar in options)) {
        expect(e.option.secret || ['FLEET_MYSQL_ADDRESS', 'FLEET_MYSQL_USERNAME', 'FLEET_MYSQL_DATABASE', 'FLEET_REDIS_ADDRESS', 'FLEET_SERVER_TLS', 'FLEET_SERVER_ADDRESS'].includes(e.envVar)).toBe(true);
        continue;
      }
      const values = e.option.kind === 'enum' ? [...e.option.values, 'nope'] : [...(samples[e.option.kind] ?? []), String(e.option.default)];
      for (const v of values) {
        // Only the option's own problems count: a pairing rule (server.cert needs server.key) is no value error.
        let serverAccepts = true;
        try { loadConfig({ env: { [e.envVar]: String(v) } }); } catch (err) { serverAccepts = !(err as ConfigError).problems.some((p) => p.startsWith(`${e.key} (`)); }
        expect([e.envVar, v, problems({ config: { [e.envVar]: v } }).length === 0]).toEqual([e.envVar, v, serverAccepts]);
      }
    }
    for (const name of Object.values(ENV_ONLY)) expect(options).toHaveProperty([name]);
  });

  it('is current, and so is README.md\'s table of values (both written by tools/chart-docs.js)', async () => {
    await expect(run(process.execPath, [join(ROOT, 'tools', 'chart-docs.js'), '--check'])).resolves.toBeDefined();
    const readme = readFileSync(join(CHART, 'README.md'), 'utf8');
    expect(readme).toContain('| `roles.ingest.keda.enabled` |');
    expect(readme).toContain('| `config` |');
  });
});
