import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './free-port';

const run = promisify(execFile);

async function untilTrue(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`redis cluster: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Node {
  readonly port: number;
  child: ChildProcess | undefined;
}

/**
 * A private Redis Cluster of real redis-server processes: three masters with a replica each (`redis-cli --cluster
 * create`), nothing on disk but each node's cluster file, a short node timeout so a killed master's replica is
 * promoted within seconds. For tests of the product on a cluster, including a master dying mid-run.
 */
export class RedisClusterProcess {
  private readonly dir = mkdtempSync(join(tmpdir(), 'fleet-redis-cluster-'));
  private readonly nodes: Node[] = [];

  /** One node's address: the product is given one and discovers the rest. */
  get address(): string {
    return `127.0.0.1:${this.nodes[0]?.port ?? 0}`;
  }

  static async start(nodeTimeoutMs = 2000): Promise<RedisClusterProcess> {
    const cluster = new RedisClusterProcess();
    for (let i = 0; i < 6; i += 1) cluster.nodes.push({ port: await freePort(), child: undefined });
    for (const node of cluster.nodes) cluster.spawn(node, nodeTimeoutMs);
    for (const node of cluster.nodes) await untilTrue(`node ${node.port} to answer`, async () => (await cluster.command(node.port, 'PING')) === 'PONG', 10_000);
    await run('redis-cli', ['--cluster', 'create', ...cluster.nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes']);
    await cluster.waitHealthy();
    return cluster;
  }

  /** Until every running node reports the cluster ok with three masters serving all slots. */
  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    await untilTrue('cluster_state:ok on every node', async () => {
      for (const node of this.nodes.filter((n) => n.child)) {
        const info = String(await this.command(node.port, 'CLUSTER', 'INFO'));
        if (!info.includes('cluster_state:ok') || !info.includes('cluster_slots_ok:16384')) return false;
      }
      if ((await this.masters()).length !== 3) return false;
      // Every running replica replicates (a master killed before its replica synced would lose its slots' data).
      for (const node of this.nodes.filter((n) => n.child)) {
        const info = String(await this.command(node.port, 'INFO', 'replication'));
        if (info.includes('role:slave') && !info.includes('master_link_status:up')) return false;
      }
      return true;
    }, timeoutMs);
  }

  /** Ports of the running masters. */
  async masters(): Promise<number[]> {
    const live = this.nodes.find((n) => n.child);
    if (!live) return [];
    const text = String(await this.command(live.port, 'CLUSTER', 'NODES'));
    // <id> <ip:port@cport> <flags: myself,master | master | slave | master,fail ...> <master id> ... <link state> <slots...>
    return text.split('\n').map((l) => l.trim().split(' ')).filter((f) => {
      const flags = (f[2] ?? '').split(',');
      return flags.includes('master') && !flags.includes('fail') && !flags.includes('fail?') && f[7] === 'connected' && f.length > 8;
    }).map((f) => Number(/:(\d+)@/.exec(f[1] ?? '')?.[1])).filter((p) => this.nodes.some((n) => n.port === p && n.child));
  }

  /** Kills a master (SIGKILL) and waits until its replica took over its slots. Returns the killed port. */
  async killMaster(port?: number): Promise<number> {
    const victim = port ?? (await this.masters())[0];
    const node = this.nodes.find((n) => n.port === victim);
    if (!node?.child) throw new Error(`no running master on ${String(victim)}`);
    const child = node.child;
    node.child = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    await this.waitHealthy();
    return node.port;
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) {
      const child = node.child;
      node.child = undefined;
      if (child && child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(node: Node, nodeTimeoutMs: number): void {
    node.child = spawn('redis-server', ['--port', String(node.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${node.port}.conf`, '--cluster-node-timeout', String(nodeTimeoutMs),
      // A replica takes over however long its link was down (a test cluster is young; the default refuses "stale" replicas).
      '--cluster-replica-validity-factor', '0',
      '--dir', this.dir], { stdio: 'ignore' });
  }

  private async command(port: number, ...args: string[]): Promise<unknown> {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const [name, ...rest] = args;
      return await client.call(name ?? 'PING', ...rest);
    } finally {
      client.disconnect();
    }
  }
}
