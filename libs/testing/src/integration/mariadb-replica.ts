import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as mysql from 'mysql2/promise';
import { freePort } from './free-port';

const run = promisify(execFile);

type Rows = Array<Record<string, unknown>>;
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** One private mariadbd: its own data directory, port and socket. */
class MariaDbServer {
  private child: ChildProcess | undefined;
  port = 0;

  constructor(readonly name: string, private readonly datadir: string, private readonly args: readonly string[]) {}

  get socket(): string {
    return join(this.datadir, 'mysqld.sock');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn('/usr/sbin/mariadbd', [
      '--no-defaults', `--datadir=${this.datadir}`, `--socket=${this.socket}`, `--port=${this.port}`, '--bind-address=127.0.0.1',
      `--pid-file=${join(this.datadir, 'mysqld.pid')}`, `--log-error=${join(this.datadir, 'error.log')}`, `--tmpdir=${this.datadir}`,
      ...(process.getuid?.() === 0 ? ['--user=root'] : []),
      '--skip-name-resolve', '--performance-schema=OFF', '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M',
      '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', ...this.args,
    ], { stdio: 'ignore' });
    this.child = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} mariadbd exited (${child.exitCode}): ${this.errorLog()}`);
      try {
        await this.query('SELECT 1');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${this.name} mariadbd did not start: ${(err as Error).message} ${this.errorLog()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** One statement as root over the socket. */
  async query(sql: string, params: unknown[] = []): Promise<Rows> {
    const conn = await mysql.createConnection({ socketPath: this.socket, user: 'root', connectTimeout: 2000 });
    try {
      const [rows] = await conn.query(sql, params);
      return Array.isArray(rows) ? (rows as Rows) : [];
    } finally {
      await conn.end();
    }
  }

  private errorLog(): string {
    try {
      return readFileSync(join(this.datadir, 'error.log'), 'utf8').split('\n').slice(-8).join('\n');
    } catch {
      return '';
    }
  }
}

/**
 * A private MariaDB primary (binary log on, server-id 1) and a read replica (server-id 2, read_only) replicating
 * from it by GTID, for tests of `mysql_read_replica`. The shared test MariaDB runs without a binary log, so it
 * cannot be a replication source; this pair leaves it alone. Both allow root without a password over TCP from
 * 127.0.0.1, like the shared one. `stopReplication()` stops the replica's SQL thread so it lags on purpose.
 */
export class MariaDbReplicaPair {
  private readonly dir = mkdtempSync(join(tmpdir(), 'fleet-mariadb-'));
  readonly primary = new MariaDbServer('primary', join(this.dir, 'primary'), ['--server-id=1', '--log-bin=mysql-bin', '--binlog-format=ROW']);
  readonly replica = new MariaDbServer('replica', join(this.dir, 'replica'), ['--server-id=2', '--read-only=1', '--relay-log=relay-bin', '--skip-slave-start']);

  get primaryAddress(): string {
    return this.primary.address;
  }

  get replicaAddress(): string {
    return this.replica.address;
  }

  async start(): Promise<void> {
    const seed = join(this.dir, 'seed');
    await run('/usr/bin/mariadb-install-db', ['--no-defaults', `--datadir=${seed}`, '--auth-root-authentication-method=normal', '--skip-test-db',
      ...(process.getuid?.() === 0 ? ['--user=root'] : [])], { timeout: 120_000 });
    cpSync(seed, join(this.dir, 'primary'), { recursive: true });
    cpSync(seed, join(this.dir, 'replica'), { recursive: true });
    await Promise.all([this.primary.start(), this.replica.start()]);
    await this.replica.query(`CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ?, MASTER_USER = 'repl', MASTER_PASSWORD = 'repl',
      MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1`, [this.primary.port]);
    // Written after the binary log began, so the replica receives these accounts too.
    for (const sql of [
      "CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl'",
      "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'",
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'",
      "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION",
    ]) await this.primary.query(sql);
    await this.replica.query('START SLAVE');
    await this.waitForReplication();
  }

  /** The replica's SHOW SLAVE STATUS row. */
  async status(): Promise<Record<string, unknown>> {
    return (await this.replica.query('SHOW SLAVE STATUS'))[0] ?? {};
  }

  /** Waits until both replication threads run and the replica has applied everything the primary wrote so far. */
  async waitForReplication(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const target = text((await this.primary.query('SELECT @@gtid_binlog_pos AS p'))[0]?.['p']);
      const s = await this.status();
      const applied = text((await this.replica.query('SELECT @@gtid_slave_pos AS p'))[0]?.['p']);
      if (s['Slave_IO_Running'] === 'Yes' && s['Slave_SQL_Running'] === 'Yes' && applied === target) return;
      if (Date.now() > deadline) {
        throw new Error(`replica not caught up: io=${text(s['Slave_IO_Running'])} sql=${text(s['Slave_SQL_Running'])} applied=${applied} target=${target} ` +
          `${text(s['Last_IO_Error'])} ${text(s['Last_SQL_Error'])}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops applying changes on the replica (the IO thread keeps receiving them): the replica lags until `resumeReplication`. */
  async stopReplication(): Promise<void> {
    await this.replica.query('STOP SLAVE SQL_THREAD');
  }

  async resumeReplication(): Promise<void> {
    await this.replica.query('START SLAVE SQL_THREAD');
    await this.waitForReplication();
  }

  /** The replica server's count of SELECT statements so far (`Com_select`). */
  async replicaSelects(): Promise<number> {
    return Number((await this.replica.query("SHOW GLOBAL STATUS LIKE 'Com_select'"))[0]?.['Value'] ?? 0);
  }

  /** The primary server's count of SELECT statements so far (`Com_select`). */
  async primarySelects(): Promise<number> {
    return Number((await this.primary.query("SHOW GLOBAL STATUS LIKE 'Com_select'"))[0]?.['Value'] ?? 0);
  }

  async stopReplica(): Promise<void> {
    await this.replica.stop();
  }

  async startReplica(): Promise<void> {
    await this.replica.start();
    await this.replica.query('START SLAVE');
    await this.waitForReplication();
  }

  async stop(): Promise<void> {
    await Promise.all([this.replica.stop(), this.primary.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
