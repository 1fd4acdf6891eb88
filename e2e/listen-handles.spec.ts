import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, eventually } from '@fleet/testing';
import type { TestDatabase } from '@fleet/testing';
import { freePort, startFleet } from './support/fleet-process';
import type { RunningFleet } from './support/fleet-process';
import { httpsGet } from './support/https-get';

// `server.listen_handles`: `fleet serve` serves its one listening socket through several descriptors (duplicated
// by a short-lived copier process), because a busy Node 20 process accepts one connection per handle per turn of
// its event loop. Checked from outside, on the built binary: the descriptors in /proc, the copier gone, and a
// backlog of connections made while the server was frozen (SIGSTOP) accepted several per turn and served over TLS.

interface ListenSocket {
  readonly inode: string;
  /** Connections completed by the kernel and not yet accepted (the accept queue). */
  readonly queued: number;
}

/** The listening socket on `port`, from /proc/net/tcp (for a socket in LISTEN, rx_queue is its accept queue). */
function listenSocket(port: number): ListenSocket | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A') return { inode: f[9] ?? '', queued: parseInt((f[4] ?? '0:0').split(':')[1] ?? '0', 16) };
  }
  return undefined;
}

/** How many of the process's descriptors refer to the socket. */
function descriptorsOf(pid: number, inode: string): number {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).filter((fd) => {
    try {
      return readlinkSync(join(dir, fd)) === `socket:[${inode}]`;
    } catch {
      return false; // closed meanwhile
    }
  }).length;
}

function childrenOf(pid: number): string {
  return readdirSync(`/proc/${pid}/task`).map((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')).join('').trim();
}

describe('fleet serve with several listening handles', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('e2e_listen_handles');
  });
  afterAll(async () => {
    await db.drop();
  });

  async function serve(flags: string[]): Promise<{ fleet: RunningFleet; port: number; ca: Buffer }> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'fleet-dev-'));
    const env = { FLEET_MYSQL_ADDRESS: '127.0.0.1:3306', FLEET_MYSQL_USERNAME: 'root', FLEET_MYSQL_DATABASE: db.name, FLEET_REDIS_ADDRESS: '127.0.0.1:6379', FLEET_REDIS_KEY_PREFIX: `${db.name}:`, FLEET_LOGGING_JSON: 'true' };
    const fleet = await startFleet(['serve', '--dev', `--dev_data_dir=${dataDir}`, `--server_address=127.0.0.1:${port}`, ...flags], env, 'listening on');
    return { fleet, port, ca: readFileSync(join(dataDir, 'fleet-dev.crt')) };
  }

  /** Connections made while the server is frozen, then served: how many the duplicates accepted, from /metrics. */
  async function backlogServed(fleet: RunningFleet, port: number, ca: Buffer, connections: number): Promise<number> {
    const pid = fleet.child.pid as number;
    process.kill(pid, 'SIGSTOP');
    let answers: Promise<number[]>;
    try {
      // Each request on its own connection, so that every one waits in the accept queue.
      answers = Promise.all(Array.from({ length: connections }, async () => (await httpsGet(`https://localhost:${port}/healthz`, ca, true)).status));
      await eventually(`${connections} connections in the accept queue`, () => listenSocket(port)?.queued ?? 0, (queued) => queued >= connections, 10_000, 20);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await answers).toEqual(Array.from({ length: connections }, () => 200));
    const metrics = (await httpsGet(`https://localhost:${port}/metrics`, ca)).text;
    const duplicate = /^fleet_http_connections_accepted_total\{listener="duplicate"[^}]*\} (\d+)/m.exec(metrics);
    expect(metrics).toMatch(/^fleet_http_connections_accepted_total\{listener="own"[^}]*\} [1-9]/m);
    return Number(duplicate?.[1] ?? 0);
  }

  it('by default serves its socket through 32 descriptors, accepts a backlog through them, and stops accepting on SIGTERM', async () => {
    const { fleet, port, ca } = await serve([]);
    try {
      const socket = await eventually('the listening socket', () => listenSocket(port), (s) => s !== undefined, 10_000, 20);
      expect(descriptorsOf(fleet.child.pid as number, socket?.inode ?? '')).toBe(32);
      // The copier duplicated the socket and went away.
      await eventually('the copier to exit', () => childrenOf(fleet.child.pid as number), (children) => children === '', 10_000, 20);
      // The JSON log is written asynchronously (pino's non-blocking destination), after the banner the start waited for.
      await eventually('the listening-handles log line', () => fleet.output(), (out) => out.includes('"listen_handles":32'), 10_000, 20);
      // Released together, a frozen server's backlog is taken by every handle at once: at least the 31 duplicates
      // accept one connection each in the first turn.
      expect(await backlogServed(fleet, port, ca, 200)).toBeGreaterThanOrEqual(31);
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
    }
    expect(listenSocket(port)).toBeUndefined();
  });

  it('with server.listen_handles=1 serves the socket alone, without a copier', async () => {
    const { fleet, port, ca } = await serve(['--server_listen_handles=1']);
    try {
      const socket = await eventually('the listening socket', () => listenSocket(port), (s) => s !== undefined, 10_000, 20);
      expect(descriptorsOf(fleet.child.pid as number, socket?.inode ?? '')).toBe(1);
      expect(childrenOf(fleet.child.pid as number)).toBe('');
      expect(await backlogServed(fleet, port, ca, 50)).toBe(0);
    } finally {
      expect(await fleet.stop('SIGTERM')).toBe(0);
    }
  });
});
