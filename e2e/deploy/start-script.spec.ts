import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { processEnv } from '@fleet/config';
import { freePort } from '../support/fleet-process';

const ROOT = join(__dirname, '..', '..');

/**
 * `npm start` (scripts/start.sh) on a machine where nginx, Chromium and Go are missing: stand-ins for them and
 * for apt-get come first on the PATH and record every call. The product must start without any of them being
 * run or installed. npm/npx stand-ins keep the test from reinstalling node_modules or rebuilding the UI in
 * the shared checkout (both are the script's business only when they are stale or missing).
 */
describe('npm start (scripts/start.sh)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-start-'));
  const stubs = join(dir, 'bin');
  const calls = join(dir, 'calls.log');
  const database = `fleet_test_start_${process.pid}`;

  beforeAll(() => {
    mkdirSync(stubs);
    writeFileSync(calls, '');
    for (const tool of ['apt-get', 'apt', 'dpkg', 'nginx', 'chromium', 'go', 'npm', 'npx']) {
      writeFileSync(join(stubs, tool), `#!/bin/sh\necho "${tool} $*" >> ${calls}\n${['npm', 'npx'].includes(tool) ? 'exit 0' : 'exit 1'}\n`);
      chmodSync(join(stubs, tool), 0o755);
    }
  });

  afterAll(async () => {
    const root = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    await root.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await root.end();
  });

  it('starts the product with MariaDB and Redis only, installing nothing else and printing no warning', async () => {
    const port = await freePort();
    const child = spawn('bash', ['scripts/start.sh', `--server_address=127.0.0.1:${port}`], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: `${stubs}:${processEnv()['PATH'] ?? ''}`, HOME: dir, FLEET_MYSQL_DATABASE: database, FLEET_REDIS_KEY_PREFIX: `${database}:`,
        FLEET_DEV_DATA_DIR: join(dir, 'dev'),
      },
    });
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not serve within 120 s:\n${output}`)), 120_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Enroll secret for agents:')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    try {
      await ready;
      const ca = readFileSync(join(dir, 'dev', 'fleet-dev.crt'));
      expect(ca.toString()).toContain('BEGIN CERTIFICATE');
      expect(output).toContain(`listening on https://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(readFileSync(calls, 'utf8').split('\n').filter((l) => l && !/^(npx vite build|npm ci) /.test(l))).toEqual([]);
    expect(output).not.toMatch(/Warning|\[test-tools\]/);
  }, 150_000);

  it('leaves test-only packages to scripts/ensure-test-tools.sh', () => {
    const services = readFileSync(join(ROOT, 'scripts', 'ensure-services.sh'), 'utf8');
    expect([...services.matchAll(/apt_install ([\w.-]+)/g)].map((m) => m[1])).toEqual(['mariadb-server', 'redis-server']);
    expect(readFileSync(join(ROOT, 'scripts', 'start.sh'), 'utf8')).not.toContain('ensure-test-tools');
  });
});
