import path from 'node:path';
import { Redis } from 'ioredis';
import { AGENT_STREAMS } from '@fleet/contracts';
import { streamGroupInfo } from '@fleet/messaging';
import { NetworkNamespace } from '../../integration/network-namespace';
import type { VethLink } from '../../integration/network-namespace';
import { RedisServerProcess } from '../../integration/redis-server';
import { TcpProxy } from '../../integration/tcp-proxy';
import { createDatabase, freePort, logPath, startServer } from '../fleet-stack';
import type { FleetServer, ReliabilityDatabase, ServerOptions } from '../fleet-stack';
import { startBalancer } from '../nginx-balancer';
import type { Balancer } from '../nginx-balancer';
import { LogSink } from './log-sink';

/** An agent stream's entries when Redis died: all it held, and those its writer group had not finished (lag + pending). */
export interface UnwrittenEntries {
  readonly length: number;
  readonly unwritten: number;
  /** Whether the writers' consumer group existed; without it every entry is unwritten. */
  readonly writerGroup: boolean;
}

export interface FaultStackOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  readonly label: string;
  /** Two `--role ingest` replicas behind nginx instead of one `fleet serve` with every role. */
  readonly replicas: boolean;
  /** Put the server in a network namespace of its own, with one veth link each to agents, Redis and MySQL. */
  readonly namespace: boolean;
  /** How often agents check in and ship logs, and how often their scheduled query runs (seconds). */
  readonly distributedIntervalSec: number;
  readonly loggerPeriodSec: number;
  readonly scheduleIntervalSec: number;
}

/**
 * What a fault run stands on: a private redis-server (stopped and restarted at will), MySQL through a TcpProxy
 * (cut at will; the shared MariaDB is never touched), a webhook log destination that counts sequence numbers,
 * a fresh database with a scheduled query every host runs, and the server(s). With `namespace`, Redis and MySQL
 * are reached across veth links that can be partitioned or degraded, through proxies on the root side.
 */
export class FaultStack {
  readonly redis = new RedisServerProcess();
  readonly sink = new LogSink();
  mysqlProxy!: TcpProxy;
  redisProxy: TcpProxy | undefined;
  ns: NetworkNamespace | undefined;
  links: { agents: VethLink; redis: VethLink; mysql: VethLink } | undefined;
  db!: ReliabilityDatabase;
  servers: FleetServer[] = [];
  balancer: Balancer | undefined;
  agentUrl = '';
  private serverOptions: ServerOptions[] = [];

  constructor(readonly o: FaultStackOptions) {}

  async start(): Promise<void> {
    await this.redis.start();
    if (this.o.namespace) {
      this.ns = NetworkNamespace.create('fleet-rel');
      this.links = { agents: this.ns.addLink('agents'), redis: this.ns.addLink('redis'), mysql: this.ns.addLink('mysql') };
      this.redisProxy = new TcpProxy('127.0.0.1', this.redis.port, this.links.redis.hostAddress);
      await this.redisProxy.open();
    }
    this.mysqlProxy = new TcpProxy('127.0.0.1', 3306, this.links?.mysql.hostAddress ?? '127.0.0.1');
    await this.mysqlProxy.open();
    await this.sink.start(this.links?.agents.hostAddress ?? '127.0.0.1');
    this.db = await createDatabase(this.o.fleetMain, this.o.label, this.redis.address);
    await this.db.mysql.query('UPDATE app_config_json SET json_value = ? WHERE id = 1', [JSON.stringify({
      agent_options: { config: { options: { distributed_interval: this.o.distributedIntervalSec, logger_tls_period: this.o.loggerPeriodSec, pack_delimiter: '/' } } },
    })]);
    await this.db.mysql.query("INSERT INTO queries (name, description, query, schedule_interval, logging_type, automations_enabled) VALUES ('uptime', '', 'SELECT * FROM uptime', ?, 'snapshot', 1)",
      [this.o.scheduleIntervalSec]);
    const env = { ...this.db.env, FLEET_MYSQL_ADDRESS: this.mysqlProxy.address, FLEET_REDIS_ADDRESS: this.redisProxy?.address ?? this.redis.address };
    const flags = {
      osquery_result_log_plugin: 'webhook', webhook_result_url: this.sink.url,
      osquery_status_log_plugin: 'filesystem', filesystem_status_log_file: path.join(this.o.runDir, `${this.o.label}-status.log`),
      filesystem_result_log_file: path.join(this.o.runDir, `${this.o.label}-result.log`),
      osquery_async_host_collect_interval: '1s', osquery_async_host_collect_lock_timeout: '10s',
    };
    const count = this.o.replicas ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const host = this.links?.agents.nsAddress ?? '127.0.0.1';
      this.serverOptions.push({
        fleetMain: this.o.fleetMain, env, listen: `${host}:${await freePort()}`, logFile: logPath(this.o.runDir, `${this.o.label}-server-${i}`),
        flags: this.o.replicas ? { ...flags, role: 'ingest' } : flags, namespace: this.ns,
      });
    }
    this.servers = await Promise.all(this.serverOptions.map((s) => startServer(s)));
    if (this.o.replicas) {
      this.balancer = await startBalancer(await freePort(), this.serverOptions.map((s) => s.listen));
      this.agentUrl = this.balancer.url;
    } else {
      this.agentUrl = this.servers[0]?.url ?? '';
    }
  }

  /** Starts replica `i` again with the options it had (after a kill). */
  async restartServer(i: number): Promise<void> {
    const options = this.serverOptions[i];
    if (!options) throw new Error(`no server ${i}`);
    this.servers[i] = await startServer(options);
  }

  /**
   * Entries of the agent-data streams that Redis holds and no writer has finished (lag + pending of each
   * consumer group), read while Redis accepts no writes (`CLIENT PAUSE … WRITE`), so the figure is exact for a
   * kill that follows at once: the server's writes wait and then fail, and agents keep what they sent.
   */
  async pauseAndCountUnwritten(pauseMs: number): Promise<Record<string, UnwrittenEntries>> {
    const client = new Redis({ host: '127.0.0.1', port: this.redis.port, maxRetriesPerRequest: 0 });
    try {
      await client.call('CLIENT', 'PAUSE', String(pauseMs), 'WRITE');
      const out: Record<string, UnwrittenEntries> = {};
      for (const stream of Object.values(AGENT_STREAMS)) {
        const key = `${this.db.env['FLEET_REDIS_KEY_PREFIX'] ?? ''}${stream.key}`;
        const length = await client.xlen(key);
        const group = await streamGroupInfo(client, key, stream.group);
        out[stream.key] = { length, unwritten: group.exists ? group.pending + (group.lag ?? 0) : length, writerGroup: group.exists };
      }
      return out;
    } finally {
      client.disconnect();
    }
  }

  /** Snapshots Redis to disk while writes are paused, so what comes back is exactly what it held. */
  async pauseAndSave(pauseMs: number): Promise<void> {
    const client = new Redis({ host: '127.0.0.1', port: this.redis.port, maxRetriesPerRequest: 0 });
    try {
      await client.call('CLIENT', 'PAUSE', String(pauseMs), 'WRITE');
      await client.save();
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.balancer?.stop().catch(() => undefined);
    await Promise.all(this.servers.map((s) => s.stop().catch(() => undefined)));
    await this.sink.stop().catch(() => undefined);
    await this.mysqlProxy?.cut().catch(() => undefined);
    await this.redisProxy?.cut().catch(() => undefined);
    await this.db?.drop().catch(() => undefined);
    await this.redis.stop().catch(() => undefined);
    this.ns?.destroy();
  }
}
