import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { freePort, runScript, startFleet } from '../../support/fleet-process';
import type { RunningFleet, RunResult } from '../../support/fleet-process';

/** The built `fleetctl`; `node tools/build.js` must have run (npm test builds first). */
export const FLEETCTL_BIN = join(__dirname, '..', '..', '..', 'bin', 'fleetctl.js');
export const ADMIN = { email: 'admin@example.com', password: 'adminpass123#', name: 'Admin', org: 'Acme' };

/**
 * Runs `fleetctl <args>` to completion with a private HOME and `--config` file, so nothing reads or writes the
 * developer's ~/.fleet. The environment is exactly PATH, HOME and `env`.
 */
export function fleetctl(home: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunResult> {
  return runScript(FLEETCTL_BIN, [...args, '--config', join(home, 'config')], { env: { HOME: home, ...env }, cwd: home, timeoutMs });
}

export interface ServerHarness {
  readonly url: string;
  readonly db: TestDatabase;
  readonly fleet: RunningFleet;
  /** A fresh HOME for one scenario. */
  home(): string;
  close(): Promise<void>;
}

/** A migrated database of its own and the built `fleet` binary serving every role over plain HTTP. */
export async function startServer(label: string, extraArgs: string[] = []): Promise<ServerHarness> {
  const db = await createTestDatabase(label);
  const port = await freePort();
  const env = {
    FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: db.name, FLEET_REDIS_ADDRESS: '127.0.0.1:6379',
    FLEET_REDIS_KEY_PREFIX: `${db.name}:`, FLEET_AUTH_BCRYPT_COST: '4', FLEET_LOGGING_JSON: 'true',
  };
  const fleet = await startFleet(['serve', '--server_tls=false', `--server_address=127.0.0.1:${port}`, ...extraArgs], env, 'listening on');
  return {
    url: `http://127.0.0.1:${port}`, db, fleet,
    home: () => mkdtempSync(join(tmpdir(), 'fleetctl-e2e-')),
    close: async () => {
      await fleet.stop('SIGTERM');
      await db.drop();
    },
  };
}

/** `startServer`, tried once more when the first server did not become ready (a slow start on a busy machine). */
export async function startServerRetried(label: string): Promise<ServerHarness> {
  return startServer(label).catch((error: unknown) => {
    if (!String(error).includes('did not become ready')) throw error;
    return startServer(label);
  });
}

/** A HOME whose default context points at `url` with the admin set up and logged in. */
export async function adminHome(server: ServerHarness): Promise<string> {
  const home = server.home();
  await expectOk(fleetctl(home, ['config', 'set', '--address', server.url]));
  const setup = await fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]);
  if (setup.code !== 0 && !setup.stderr.includes('already been setup')) throw new Error(`setup failed: ${setup.stderr}`);
  if (setup.code !== 0) await expectOk(fleetctl(home, ['login', '--email', ADMIN.email, '--password', ADMIN.password]));
  return home;
}

export async function expectOk(p: Promise<RunResult>): Promise<RunResult> {
  const r = await p;
  if (r.code !== 0) throw new Error(`fleetctl exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}
