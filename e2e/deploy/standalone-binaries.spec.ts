import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../support/fleet-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * `npm run package` (tools/package.js, over the build `npm test` made) gives `fleet` and `fleetctl` as single
 * executables. They are copied into an empty folder and run there with a PATH that holds nothing, so no Node,
 * no node_modules and no repository file can help them.
 */
describe('the standalone fleet and fleetctl executables', () => {
  const out = mkdtempSync(join(tmpdir(), 'fleet-package-'));
  const home = join(out, 'home');
  const emptyPath = join(out, 'empty-path');
  const database = `fleet_test_standalone_${process.pid}`;
  const port = { value: 0 };
  let server: ChildProcess | undefined;
  let serverOutput = '';

  const env = (extra: Record<string, string> = {}) => ({
    PATH: emptyPath, HOME: home, FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: database,
    FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: `${database}:`, ...extra,
  });
  const exec = async (program: string, args: string[]) => {
    try {
      const { stdout, stderr } = await run(join(home, program), args, { cwd: home, env: env(), timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const https = (path: string, method = 'GET', body?: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`https://127.0.0.1:${port.value}${path}`, { method, ca: readFileSync(join(home, '.fleet-dev', 'fleet-dev.crt')), headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });

  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, 'tools', 'package.js'), '--out', out, '--no-build'], { cwd: ROOT, timeout: 300_000 });
    mkdirSync(home);
    mkdirSync(emptyPath);
    for (const program of ['fleet', 'fleetctl']) copyFileSync(join(out, program), join(home, program));
    for (const program of ['fleet', 'fleetctl']) rmSync(join(out, program));
    await run('chmod', ['755', join(home, 'fleet'), join(home, 'fleetctl')]);
  }, 320_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    const root = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    await root.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await root.end();
    rmSync(out, { recursive: true, force: true });
  });

  it('start, print their help and their version, without warnings', async () => {
    const help = await exec('fleet', ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/serve \[options\][\s\S]*prepare[\s\S]*version/);
    expect(await exec('fleet', ['version'])).toEqual({ code: 0, stdout: `fleet version ${VERSION}\n`, stderr: '' });
    const ctlHelp = await exec('fleetctl', ['--help']);
    expect(ctlHelp).toMatchObject({ code: 0, stderr: '' });
    expect(ctlHelp.stdout).toContain('get');
    expect(await exec('fleetctl', ['--version'])).toEqual({ code: 0, stdout: `fleetctl - version ${VERSION}\n`, stderr: '' });
  });

  it('migrate a database, then serve agents and the web UI; fleetctl logs in and lists the enrolled host', async () => {
    const prepared = await exec('fleet', ['prepare', 'db', '--no-prompt']);
    expect(prepared.stdout).toContain('Migrations completed.');
    port.value = await freePort();
    server = spawn(join(home, 'fleet'), ['serve', '--dev', `--server_address=127.0.0.1:${port.value}`], { cwd: home, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fleet serve did not start:\n${serverOutput}`)), 60_000);
      const onData = (d: Buffer) => {
        serverOutput += d.toString();
        if (/Enroll secret for agents: \S+/.test(serverOutput)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server?.stdout?.on('data', onData);
      server?.stderr?.on('data', onData);
      server?.once('exit', (code) => reject(new Error(`fleet serve exited with ${code}:\n${serverOutput}`)));
    });
    expect(serverOutput).not.toMatch(/Warning/);
    // The listen copier is the executable itself, started with a hidden subcommand.
    expect(serverOutput).toMatch(/listening handles.*listen_handles=32/);

    const page = await https('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1] ?? '';
    expect(script).not.toBe('');
    expect((await https(script)).status).toBe(200);

    const secret = /Enroll secret for agents: (\S+)/.exec(serverOutput)?.[1] ?? '';
    const enrolled = await https('/api/v1/osquery/enroll', 'POST', JSON.stringify({ enroll_secret: secret, host_identifier: 'standalone-host' }));
    const nodeKey = (JSON.parse(enrolled.text) as { node_key?: string }).node_key ?? '';
    expect(nodeKey).not.toBe('');
    expect((await https('/api/v1/osquery/distributed/read', 'POST', JSON.stringify({ node_key: nodeKey }))).status).toBe(200);

    const [, email, password] = /Admin login: (\S+) \/ (\S+)/.exec(serverOutput) ?? [];
    expect((await exec('fleetctl', ['config', 'set', '--address', `https://127.0.0.1:${port.value}`, '--rootca', join(home, '.fleet-dev', 'fleet-dev.crt')])).code).toBe(0);
    expect((await exec('fleetctl', ['login', '--email', email ?? '', '--password', password ?? ''])).stdout).toContain('Fleet login successful');
    const hosts = await exec('fleetctl', ['get', 'hosts', '--json']);
    expect(hosts.code).toBe(0);
    expect(hosts.stdout).toContain('"status":"online"');
    expect(hosts.stdout.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
