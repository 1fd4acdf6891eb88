import { randomBytes } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CliError } from '../cli.error';
import { inheritedEnv } from '../config/env';
import { ApiClient, ApiError } from '../http/api.client';
import { installRoot } from '../version.info';
import { writeState } from './preview.state';

/** Fleet's preview credentials (fleet-admin-api.md §3.3), so habits carry over. */
export const PREVIEW_EMAIL = 'admin@example.com';
export const PREVIEW_PASSWORD = 'preview1337#';

export interface PreviewOptions {
  readonly dir: string;
  readonly hosts: number;
  readonly port?: number;
  readonly mysqlAddress: string;
  readonly mysqlUsername: string;
  readonly mysqlPassword: string;
  readonly mysqlDatabase: string;
  readonly redisAddress: string;
  readonly log: (line: string) => void;
}

export interface RunningPreview {
  readonly url: string;
  readonly token: string;
  readonly certPath: string;
  readonly email: string;
  readonly password: string;
}

/** How long the simulator runs: the longest timer Node allows (about 24 days); preview --stop ends it sooner. */
const SIMULATOR_SECONDS = Math.floor(0x7fffffff / 1000);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** 8080 when free (the server's default), otherwise any free port. */
async function choosePort(wanted: number | undefined): Promise<number> {
  if (wanted !== undefined) return wanted;
  if (await portFree(8080)) return 8080;
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new CliError(`preview: timed out waiting for ${what}`);
    await sleep(500);
  }
}

/**
 * Starts the product locally: migrates the database, starts `fleet serve --dev` and the agent simulator as
 * detached processes (their pids go to the pid file before anything else can fail), sets up the admin and an
 * enroll secret, and waits until every simulated host has enrolled.
 */
export async function startPreview(o: PreviewOptions): Promise<RunningPreview> {
  const root = installRoot();
  mkdirSync(o.dir, { recursive: true });
  const port = await choosePort(o.port);
  const env = {
    ...inheritedEnv(), FLEET_MYSQL_ADDRESS: o.mysqlAddress, FLEET_MYSQL_USERNAME: o.mysqlUsername, FLEET_MYSQL_PASSWORD: o.mysqlPassword,
    FLEET_MYSQL_DATABASE: o.mysqlDatabase, FLEET_REDIS_ADDRESS: o.redisAddress, FLEET_REDIS_KEY_PREFIX: `${o.mysqlDatabase}:`, FLEET_LOGGING_JSON: 'true',
  };
  const fleetBin = join(root, 'bin', 'fleet.js');
  o.log('[+] Preparing the database');
  await promisify(execFile)(process.execPath, [fleetBin, 'prepare', 'db', '--no-prompt'], { env }).catch((e: { stderr?: string }) => {
    throw new CliError(`preview: fleet prepare db failed: ${e.stderr ?? (e instanceof Error ? e.message : 'unknown error')}`);
  });
  const devDir = join(o.dir, 'dev');
  const certPath = join(devDir, 'fleet-dev.crt');
  const out = openSync(join(o.dir, 'fleet.log'), 'a');
  const fleet = spawn(process.execPath, [fleetBin, 'serve', '--dev', `--dev_data_dir=${devDir}`, `--server_address=127.0.0.1:${port}`],
    { env, detached: true, stdio: ['ignore', out, out] });
  fleet.unref();
  const storage = {
    mysqlAddress: o.mysqlAddress, mysqlUsername: o.mysqlUsername, mysqlPassword: o.mysqlPassword, mysqlDatabase: o.mysqlDatabase,
    redisAddress: o.redisAddress, redisKeyPrefix: env.FLEET_REDIS_KEY_PREFIX,
  };
  writeState(o.dir, { fleetPid: fleet.pid ?? 0, simulatorPid: 0, url: `https://localhost:${port}`, storage });
  const url = `https://localhost:${port}`;
  o.log(`[+] Starting the Fleet server on ${url}`);
  await until('the development certificate', 30_000, () => Promise.resolve(existsSync(certPath) ? true : undefined));
  const client = new ApiClient({ address: url, rootca: certPath });
  try {
    await until('/healthz', 60_000, async () => ((await client.raw('GET', '/healthz')).status === 200 ? true : undefined));
    const admin = await adminLogin(client, devDir);
    const token = admin.token;
    const authed = new ApiClient({ address: url, rootca: certPath, token });
    try {
      const secret = await enrollSecret(authed);
      const simLog = openSync(join(o.dir, 'simulator.log'), 'a');
      const sim = spawn(process.execPath, [join(root, 'dist', 'libs', 'simulator', 'src', 'osquery-perf.main.js'), '--server_url', url, '--enroll_secret', secret,
        '--hosts', String(o.hosts), '--ca', certPath, '--duration', String(SIMULATOR_SECONDS), '--stats_every', '60'], { env, detached: true, stdio: ['ignore', simLog, simLog] });
      sim.unref();
      writeState(o.dir, { fleetPid: fleet.pid ?? 0, simulatorPid: sim.pid ?? 0, url, storage });
      o.log(`[+] Enrolling ${o.hosts} simulated hosts`);
      await until(`${o.hosts} hosts to enroll`, 120_000, async () => {
        const { count } = await authed.api<{ count: number }>('GET', '/hosts/count');
        return count >= o.hosts ? true : undefined;
      });
      return { url, token, certPath, email: admin.email, password: admin.password };
    } finally {
      await authed.close();
    }
  } finally {
    await client.close();
  }
}

interface AdminLogin {
  readonly token: string;
  readonly email: string;
  readonly password: string;
}

/**
 * The admin to drive the preview with: `fleet serve --dev` creates one on an empty database and saves it in
 * its data directory, so that one is used; on a database set up some other way, the preview's own admin is
 * set up (or logged in when an earlier preview made it).
 */
async function adminLogin(client: ApiClient, devDir: string): Promise<AdminLogin> {
  const saved = join(devDir, 'credentials.json');
  if (existsSync(saved)) {
    const { email, password } = JSON.parse(readFileSync(saved, 'utf8')) as { email: string; password: string };
    const { token } = await client.api<{ token: string }>('POST', '/login', { email, password });
    return { token, email, password };
  }
  try {
    const res = await client.json<{ token: string }>('POST', '/api/v1/setup', {
      admin: { admin: true, email: PREVIEW_EMAIL, name: 'Admin', password: PREVIEW_PASSWORD, password_confirmation: PREVIEW_PASSWORD },
      org_info: { org_name: 'Fleet for osquery' }, server_url: client.base,
    });
    return { token: res.token, email: PREVIEW_EMAIL, password: PREVIEW_PASSWORD };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const { token } = await client.api<{ token: string }>('POST', '/login', { email: PREVIEW_EMAIL, password: PREVIEW_PASSWORD });
    return { token, email: PREVIEW_EMAIL, password: PREVIEW_PASSWORD };
  }
}

async function enrollSecret(client: ApiClient): Promise<string> {
  const res = await client.api<{ spec: { secrets: Array<{ secret: string }> | null } }>('GET', '/spec/enroll_secret');
  const existing = res.spec.secrets?.[0]?.secret;
  if (existing) return existing;
  const secret = randomBytes(24).toString('base64');
  await client.api('POST', '/spec/enroll_secret', { spec: { secrets: [{ secret }] } });
  return secret;
}
