import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { ApiGatewayModule } from '@fleet/api-gateway';
import { AdminError, Authenticator } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { DebugModule } from '@fleet/debug';
import type { DebugDependencies } from '@fleet/debug';
import type { Clock } from '@fleet/domain';
import { DatabaseDiagnosticsRepository, SessionRepository, UserRepository } from '@fleet/persistence';
import { CLOCK, HEALTH_CHECKS, HealthService } from '@fleet/platform';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { ADMIN, expectOk, fleetctl } from './support/fleetctl-harness';

/** The wiring the `fleet` binary uses for every role (apps/fleet/src/debug-module.ts): an admin gate, probes and the database's state. */
const debugModule = DebugModule.register({
  inject: [SessionRepository, UserRepository, CLOCK, FLEET_CONFIG, HealthService, DatabaseDiagnosticsRepository],
  useFactory: (sessions: SessionRepository, users: UserRepository, clock: Clock, config: FleetConfig, health: HealthService,
    database: DatabaseDiagnosticsRepository): DebugDependencies => {
    const auth = new Authenticator(sessions, users, clock, config.session.duration);
    return {
      access: async (authorization, ip) => {
        try {
          return (await auth.authenticate(authorization, ip)).user?.globalRole === 'admin' ? 'admin' : 'forbidden';
        } catch (e) {
          if (e instanceof AdminError) return 'unauthenticated';
          throw e;
        }
      },
      probes: Object.fromEntries(HEALTH_CHECKS.map((check) => [check, async () => {
        const report = await health.check([check]);
        if (!report.healthy) throw new Error(report.failures.map((f) => f.error).join('; '));
      }])),
      database,
    };
  },
});

/** Members of an uncompressed ustar stream: name → content. */
function untar(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  while (off + 512 <= buf.length && buf[off] !== 0) {
    const name = buf.subarray(off, off + 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(buf.subarray(off + 124, off + 136).toString('ascii').replace(/\0.*$/s, ''), 8);
    expect(buf.subarray(off + 257, off + 262).toString('ascii')).toBe('ustar');
    out.set(name, buf.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** The database dumps fleetctl fetches (its `debug db-*` commands). */
const DB_DUMPS = [
  { name: 'db-locks', path: '/debug/db/locks' }, { name: 'db-innodb-status', path: '/debug/db/innodb-status' }, { name: 'db-process-list', path: '/debug/db/process-list' },
];

describe('fleetctl debug against a server with the debug module', () => {
  let db: TestDatabase;
  let app: TestApp;
  let home: string;
  const dir = mkdtempSync(join(tmpdir(), 'fleetctl-debug-'));

  beforeAll(async () => {
    db = await createTestDatabase('cli_debug', { auth_bcrypt_cost: '4', mysql_read_replica_password: 'not-the-real-one' });
    app = await startTestApp(db.config, { roles: ['api'], modules: [ApiGatewayModule, debugModule] });
    home = mkdtempSync(join(tmpdir(), 'fleetctl-debug-home-'));
    await expectOk(fleetctl(home, ['config', 'set', '--address', app.url]));
    await expectOk(fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Whether the server answers a /debug path itself (not 404, not the web UI's index page). */
  const served = async (path: string): Promise<boolean> => {
    const token = (parse(readFileSync(join(home, 'config'), 'utf8')) as { contexts: { default: { token: string } } }).contexts.default.token;
    const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return res.status === 200 && !(res.headers.get('content-type') ?? '').includes('text/html');
  };

  it('archives a CPU profile and heap snapshot that Chrome DevTools can open, with metrics, redacted config and health facts', async () => {
    const file = join(dir, 'archive.tar.gz');
    const res = await expectOk(fleetctl(home, ['debug', 'archive', '--profile-seconds', '1', '--outfile', file], {}, 120_000));
    expect(res.stderr).toContain(`Output written to ${file}`);
    const members = untar(gunzipSync(readFileSync(file)));
    const dumps = [];
    for (const d of DB_DUMPS) if (await served(d.path)) dumps.push(`${d.name}.json`);
    expect([...members.keys()].sort()).toEqual([...dumps, 'config.json', 'errors.json', 'facts.json', 'healthz.txt', 'heap.heapsnapshot', 'metrics.txt', 'profile.cpuprofile'].sort());
    const profile = JSON.parse(members.get('profile.cpuprofile')!.toString('utf8'));
    expect(Array.isArray(profile.nodes)).toBe(true);
    expect(typeof profile.startTime).toBe('number');
    expect(profile.endTime).toBeGreaterThan(profile.startTime);
    const heap = JSON.parse(members.get('heap.heapsnapshot')!.toString('utf8'));
    expect(Object.keys(heap)).toEqual(expect.arrayContaining(['snapshot', 'nodes', 'edges', 'strings']));
    expect(heap.snapshot.node_count).toBeGreaterThan(1000);
    const config = members.get('config.json')!.toString('utf8');
    expect(JSON.parse(config).mysql_read_replica.password).toBe('********');
    expect(config).not.toContain('not-the-real-one');
    const facts = JSON.parse(members.get('facts.json')!.toString('utf8'));
    expect(facts.dependencies).toMatchObject({ mysql: { ok: true }, redis: { ok: true } });
    expect(facts.process.pid).toBe(process.pid);
    expect(members.get('metrics.txt')!.toString('utf8')).toContain('# HELP');
    expect(members.get('healthz.txt')!.toString('utf8')).toBe('GET /healthz: 200\n');
  }, 150_000);

  it('writes a profile, a heap snapshot and the errors on their own', async () => {
    const prof = join(dir, 'p.cpuprofile');
    await expectOk(fleetctl(home, ['debug', 'profile', '--seconds', '1', '--outfile', prof]));
    expect(JSON.parse(readFileSync(prof, 'utf8'))).toHaveProperty('nodes');
    const heap = join(dir, 'h.heapsnapshot');
    await expectOk(fleetctl(home, ['debug', 'heap', '--outfile', heap], {}, 120_000));
    expect(JSON.parse(readFileSync(heap, 'utf8'))).toHaveProperty('snapshot');
    const errors = await expectOk(fleetctl(home, ['debug', 'errors', '--flush', '--stdout']));
    expect(Array.isArray(JSON.parse(errors.stdout))).toBe(true);
    // Without --stdout, Fleet's default: a file named fleet-errors-<UTC stamp>Z.json in the working directory.
    const saved = await expectOk(fleetctl(home, ['debug', 'errors']));
    const name = /Output written to (fleet-errors-\d{14}Z\.json)\n/.exec(saved.stderr)?.[1] as string;
    expect(saved.stderr).toContain('#   The generated file may contain sensitive data.');
    expect(Array.isArray(JSON.parse(readFileSync(join(home, name), 'utf8')))).toBe(true);
    expect((await fleetctl(home, ['debug', 'errors', '--stdout', '--outfile', 'x.json'])).stderr).toContain('-stdout and -outfile must not be specified together');
  }, 150_000);

  it('saves the database lock, InnoDB status and process-list dumps, and prints the migration status from /debug/migrations', async () => {
    const dump = async (name: string): Promise<unknown> => {
      const out = join(dir, `${name}.json`);
      expect((await expectOk(fleetctl(home, ['debug', name, '--outfile', out]))).stderr).toBe(`Output written to ${out}\n`);
      return JSON.parse(readFileSync(out, 'utf8')) as unknown;
    };
    const locks = await dump('db-locks');
    expect(locks === null || Array.isArray(locks)).toBe(true);
    expect(String(await dump('db-innodb-status'))).toContain('INNODB MONITOR OUTPUT');
    const processes = await dump('db-process-list');
    expect(Array.isArray(processes) && processes.length > 0).toBe(true);
    expect((await expectOk(fleetctl(home, ['debug', 'db-locks']))).stderr).toMatch(/^Output written to fleet-db-locks-\d{14}Z\n$/);
    expect((await expectOk(fleetctl(home, ['debug', 'migrations']))).stdout).toBe('Migrations up-to-date.\n');
    // A migration the database has not recorded is reported as missing (Fleet's status 1), then up to date again.
    const [last] = await db.dataSource.query<Array<{ id: number; timestamp: string; name: string }>>('SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1');
    await db.dataSource.query('DELETE FROM migrations WHERE id = ?', [last.id]);
    try {
      expect((await fleetctl(home, ['debug', 'migrations'])).stdout)
        .toBe(`Missing migrations detected: tables=[${last.name}], data=[].\nFleet server must be run with "prepare db" to perform the migrations.\n`);
    } finally {
      await db.dataSource.query('INSERT INTO migrations (id, timestamp, name) VALUES (?, ?, ?)', [last.id, last.timestamp, last.name]);
    }
    expect((await fleetctl(home, ['debug', 'migrations'])).stdout).toBe('Migrations up-to-date.\n');
  });

  it('is for global admins only', async () => {
    const created = await expectOk(fleetctl(home, ['user', 'create', '--email', 'obs@example.com', '--name', 'Obs', '--password', 'obspassword12#', '--api-only', '--global-role', 'observer']));
    const token = /is: (\S+)/.exec(created.stdout)?.[1] as string;
    const obs = mkdtempSync(join(tmpdir(), 'fleetctl-debug-obs-'));
    await expectOk(fleetctl(obs, ['config', 'set', '--address', app.url, '--token', token]));
    const denied = await fleetctl(obs, ['debug', 'errors']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('/debug/errors: forbidden');
    expect((await fetch(`${app.url}/debug/heap`)).status).toBe(401);
  });
});
