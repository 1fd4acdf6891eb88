import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@fleet/testing';
import { freePort, runFleet, startFleet } from './support/fleet-process';
import { httpsGet } from './support/https-get';

const BASE_ENV = { FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_LOGGING_JSON: 'true' };

function httpsPost(url: string, body: unknown, ca: Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('the fleet binary', () => {
  const dbName = `fleet_test_e2e_bin_${process.pid}`;
  const env = { ...BASE_ENV, FLEET_MYSQL_DATABASE: dbName };

  afterAll(async () => {
    const db = await createTestDatabase('e2e_cleanup');
    await db.dataSource.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await db.drop();
  });

  it('prints its version', async () => {
    const res = await runFleet(['version']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^fleet version \d+\.\d+\.\d+/);
  });

  it('stops on bad configuration with a readable list of every problem', async () => {
    const res = await runFleet(['serve', '--mysql_max_open_conns=lots', '--server_tls_compatibility=old'], { ...env, FLEET_REDIS_DATABASE: 'x' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Failed to start: invalid configuration:');
    expect(res.stderr).toContain('  - mysql.max_open_conns (flag --mysql_max_open_conns): expected an integer, got "lots"');
    expect(res.stderr).toContain('  - redis.database (environment FLEET_REDIS_DATABASE): expected an integer, got "x"');
    expect(res.stderr).toContain('  - server.tls_compatibility (flag --server_tls_compatibility)');
  });

  it('dumps the effective configuration with flag over environment over file, secrets redacted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-e2e-'));
    const file = join(dir, 'fleet.yml');
    writeFileSync(file, 'redis:\n  database: 2\n  address: file:6379\nsession:\n  duration: 1h\n');
    const res = await runFleet(['config_dump', '-c', file, '--redis_address=flag:6379', '--mysql_password=hunter2'], { FLEET_REDIS_ADDRESS: 'env:6379', FLEET_REDIS_DATABASE: '3' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('address: flag:6379');
    expect(res.stdout).toContain('database: 3');
    expect(res.stdout).toContain('duration: 3600000');
    expect(res.stdout).not.toContain('hunter2');
  });

  it('refuses to serve while migrations are pending, naming the command that applies them', async () => {
    const db = await createTestDatabase('e2e_pending');
    await db.dataSource.query('DELETE FROM migrations');
    try {
      const res = await runFleet(['serve', '--server_tls=false', `--server_address=127.0.0.1:${await freePort()}`], { ...env, FLEET_MYSQL_DATABASE: db.name });
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/database migration\(s\) are pending .* Run `fleet prepare db` to apply them\./);
    } finally {
      await db.drop();
    }
  });

  it('applies migrations with prepare db, and a second run has nothing to do', async () => {
    const first = await runFleet(['prepare', 'db', '--no-prompt'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Migrations completed.');
    const second = await runFleet(['prepare', 'db', '--no-prompt'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Migrations already completed for "${dbName}". Nothing to do.`);
  });

  it.each(['ingest', 'api', 'live-query'])('starts the %s role alone, answering /healthz and /metrics, and stops on SIGTERM', async (role) => {
    const port = await freePort();
    const fleet = await startFleet(['serve', `--role=${role}`, '--server_tls=false', `--server_address=127.0.0.1:${port}`], env, 'listening on');
    try {
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain(`role="${role}"`);
      expect((await fetch(`http://127.0.0.1:${port}/debug/errors`)).status).toBe(401);
      expect(fleet.output()).toContain(`(roles: ${role})`);
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
    }
  });

  it('prints the development admin password only on the start that created it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-dev-'));
    const db = await createTestDatabase('e2e_dev_password');
    const devEnv = { ...env, FLEET_MYSQL_DATABASE: db.name, FLEET_REDIS_KEY_PREFIX: `${db.name}:` };
    const serve = async (): Promise<string> => {
      const fleet = await startFleet(['serve', '--dev', `--dev_data_dir=${dataDir}`, '--server_tls=false', `--server_address=127.0.0.1:${await freePort()}`], devEnv, /Enroll secret for agents: \S+\n/);
      expect(await fleet.stop('SIGTERM')).toBe(0);
      return fleet.output();
    };
    try {
      const saved = () => (JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { password: string }).password;
      const first = await serve();
      expect(first).toContain(saved());
      const second = await serve();
      expect(second).not.toContain(saved());
      expect(second).toContain(`(password in ${join(dataDir, 'credentials.json')})`);
    } finally {
      await db.drop();
    }
  });

  it('serves every role over HTTPS with a generated development certificate in --dev mode', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-dev-'));
    const fleet = await startFleet(['serve', '--dev', `--dev_data_dir=${dataDir}`, `--server_address=127.0.0.1:${port}`], env, /Enroll secret for agents: \S+\n/);
    try {
      const certPath = /give it to agents as their CA\): (\S+)/.exec(fleet.output())?.[1];
      expect(certPath).toBe(join(dataDir, 'fleet-dev.crt'));
      expect((await httpsGet(`https://localhost:${port}/healthz`, readFileSync(certPath as string))).status).toBe(200);
      expect(fleet.output()).toContain('(roles: ingest, api, live-query)');
      const ca = readFileSync(certPath as string);
      const login = /Admin login: (\S+) \/ (\S+)/.exec(fleet.output());
      const secret = /Enroll secret for agents: (\S+)/.exec(fleet.output())?.[1];
      expect(login).not.toBeNull();
      const signedIn = await httpsPost(`https://localhost:${port}/api/v1/fleet/login`, { email: login?.[1], password: login?.[2] }, ca);
      expect(signedIn.status).toBe(200);
      expect(typeof signedIn.json['token']).toBe('string');
      const enrolled = await httpsPost(`https://localhost:${port}/api/osquery/enroll`, { enroll_secret: secret, host_identifier: 'dev-host' }, ca);
      expect(typeof enrolled.json['node_key']).toBe('string');
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
    }
  });

  it('on SIGTERM finishes a request in flight, then exits 0', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-dev-'));
    const db = await createTestDatabase('e2e_sigterm');
    const fleet = await startFleet(['serve', '--dev', `--dev_data_dir=${dataDir}`, '--server_tls=false', `--server_address=127.0.0.1:${port}`],
      { ...env, FLEET_MYSQL_DATABASE: db.name, FLEET_REDIS_KEY_PREFIX: `${db.name}:` }, /Enroll secret for agents: \S+\n/);
    const creds = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { email: string; password: string };
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/fleet/login`, { method: 'POST', body: JSON.stringify({ email: creds.email, password: creds.password }), headers: { 'content-type': 'application/json' } });
    const { token } = (await login.json()) as { token: string };
    // A two-second CPU profile is a request that is still running when the signal arrives.
    const inFlight = fetch(`http://127.0.0.1:${port}/debug/profile?seconds=2`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 300));
    const exited = fleet.stop('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { nodes?: unknown[] }).nodes?.length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await db.drop();
  });

  it('without --dev, refuses TLS with no certificate and says what to do', async () => {
    const res = await runFleet(['serve', `--server_address=127.0.0.1:${await freePort()}`], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--server_tls=false');
  });
});
