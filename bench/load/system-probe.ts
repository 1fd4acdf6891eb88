import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Connection } from 'mysql2/promise';
import type Redis from 'ioredis';

const TICKS_PER_SEC = 100; // USER_HZ on Linux

export interface ProcSample { readonly cpuSec: number; readonly rssMb: number }
export interface ProcUsage { readonly cpuPercent: number; readonly rssMb: number }

/** utime+stime and VmRSS of one pid from /proc; undefined once it has gone. */
export function procSample(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSec = (Number(f[11]) + Number(f[12])) / TICKS_PER_SEC;
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSec, rssMb: Math.round(Number(rss?.[1] ?? 0) / 1024) };
  } catch {
    return undefined;
  }
}

/** The whole machine's CPU time from /proc/stat, in seconds summed over cores: busy, idle (with iowait) and stolen by the hypervisor. */
export interface MachineCpu { readonly busySec: number; readonly idleSec: number; readonly stealSec: number }

export function machineCpu(): MachineCpu {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const t = (i: number): number => (f[i] ?? 0) / TICKS_PER_SEC;
  return { busySec: t(0) + t(1) + t(2) + t(5) + t(6), idleSec: t(3) + t(4), stealSec: t(7) };
}

/** The machine's CPU over a phase, in % of one core (200 is both cores of this machine). */
export interface MachineUsage { readonly busyPercent: number; readonly idlePercent: number; readonly stealPercent: number }

/** The first pid `pgrep` lists for `args`; undefined when it lists none. */
function firstPid(args: readonly string[]): number | undefined {
  try {
    const out = execFileSync('pgrep', [...args], { encoding: 'utf8' }).trim().split('\n')[0];
    return out ? Number(out) : undefined;
  } catch {
    return undefined;
  }
}

/** The oldest pid whose name is exactly `name` (the shared MariaDB and Redis of this machine). */
export const pidOf = (name: string): number | undefined => firstPid(['-o', '-x', name]);

/** The first child of `parent` (nginx's worker under its master); undefined when it has none. */
export const childPidOf = (parent: number | undefined): number | undefined => (parent === undefined ? undefined : firstPid(['-P', String(parent)]));

/** Counters that only grow, sampled at the start and end of a phase and differenced. */
export interface Counters {
  readonly at: number;
  readonly procs: Record<string, ProcSample | undefined>;
  readonly machine: MachineCpu;
  readonly mysqlQuestions: number;
  readonly mysqlCommits: number;
  readonly redisCommands: number;
  /** The server's own MySQL user's statistics (MariaDB userstat), when it has a user of its own. */
  readonly fleetMysql?: MysqlUserStats;
  /** Redis used_memory in bytes (exact per run only when the run has a Redis of its own). */
  readonly redisUsedMemory: number;
}

/** Counters of information_schema.USER_STATISTICS for one user: only that user's statements, rows and time. */
export interface MysqlUserStats {
  readonly statements: number;
  readonly commits: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsDeleted: number;
  readonly rowsRead: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly cpuSec: number;
  readonly busySec: number;
}

/** Per-second rates of the server's own MySQL user (exact, whatever else the shared MariaDB serves). */
export interface MysqlUserRates {
  readonly statementsPerSec: number;
  readonly commitsPerSec: number;
  readonly rowsWrittenPerSec: number;
  readonly rowsReadPerSec: number;
  readonly bytesReceivedPerSec: number;
  readonly bytesSentPerSec: number;
  /** MariaDB's own accounting of CPU and busy time spent on this user's statements, in % of one core. */
  readonly cpuPercent: number;
  readonly busyPercent: number;
}

export async function mysqlUserStats(mysql: Connection, user: string): Promise<MysqlUserStats | undefined> {
  const [rows] = await mysql.query('SELECT * FROM information_schema.USER_STATISTICS WHERE USER = ?', [user]);
  const r = (rows as Array<Record<string, unknown>>)[0];
  if (!r) return undefined;
  const n = (k: string): number => Number(r[k] ?? 0);
  return {
    statements: n('SELECT_COMMANDS') + n('UPDATE_COMMANDS') + n('OTHER_COMMANDS'), commits: n('COMMIT_TRANSACTIONS'),
    rowsInserted: n('ROWS_INSERTED'), rowsUpdated: n('ROWS_UPDATED'), rowsDeleted: n('ROWS_DELETED'), rowsRead: n('ROWS_READ'),
    bytesReceived: n('BYTES_RECEIVED'), bytesSent: n('BYTES_SENT'), cpuSec: n('CPU_TIME'), busySec: n('BUSY_TIME'),
  };
}

export interface Rates {
  readonly procs: Record<string, ProcUsage | null>;
  /** Absent in results written before it was measured. */
  readonly machine?: MachineUsage;
  readonly mysqlStatementsPerSec: number;
  readonly mysqlCommitsPerSec: number;
  readonly redisCommandsPerSec: number;
  readonly fleetMysql?: MysqlUserRates;
  readonly redisUsedMemoryMb: number;
}

export async function sampleCounters(pids: Record<string, number | undefined>, mysql: Connection, redis: Redis, mysqlUser?: string): Promise<Counters> {
  const [rows] = await mysql.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')");
  const status = new Map((rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, Number(r.Value)]));
  const info = await redis.info('stats');
  const cmds = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
  const memory = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  const fleetMysql = mysqlUser ? await mysqlUserStats(mysql, mysqlUser) : undefined;
  const procs: Record<string, ProcSample | undefined> = {};
  for (const [name, pid] of Object.entries(pids)) procs[name] = pid === undefined ? undefined : procSample(pid);
  return { at: Date.now(), procs, machine: machineCpu(), mysqlQuestions: status.get('Questions') ?? 0, mysqlCommits: status.get('Com_commit') ?? 0, redisCommands: cmds, redisUsedMemory: memory, ...(fleetMysql ? { fleetMysql } : {}) };
}

/**
 * Processes named `server:<part>` are the parts of one server run as separate processes (roles); `rates` adds
 * them up as `server`, so a split run compares with a single process and the bare baseline.
 */
export const SERVER_PART = 'server:';

export function rates(a: Counters, b: Counters): Rates {
  const sec = Math.max(0.001, (b.at - a.at) / 1000);
  /** CPU seconds between two samples as % of one core. */
  const core = (u: number, v: number): number => Math.round(((v - u) / sec) * 1000) / 10;
  const procs: Record<string, ProcUsage | null> = {};
  for (const [name, end] of Object.entries(b.procs)) {
    const start = a.procs[name];
    procs[name] = start && end ? { cpuPercent: core(start.cpuSec, end.cpuSec), rssMb: end.rssMb } : null;
  }
  const roles = Object.entries(procs).filter(([name]) => name.startsWith(SERVER_PART));
  if (roles.length > 0) procs['server'] = roles.some(([, u]) => u === null) ? null : {
    cpuPercent: Math.round(roles.reduce((sum, [, u]) => sum + (u?.cpuPercent ?? 0), 0) * 10) / 10,
    rssMb: roles.reduce((sum, [, u]) => sum + (u?.rssMb ?? 0), 0),
  };
  const per = (x: number, y: number): number => Math.round((y - x) / sec);
  const x = a.fleetMysql;
  const y = b.fleetMysql;
  const exact = (u: number, v: number): number => Math.round(((v - u) / sec) * 10) / 10;
  const fleetMysql: MysqlUserRates | undefined = x && y ? {
    statementsPerSec: exact(x.statements, y.statements), commitsPerSec: exact(x.commits, y.commits),
    rowsWrittenPerSec: exact(x.rowsInserted + x.rowsUpdated + x.rowsDeleted, y.rowsInserted + y.rowsUpdated + y.rowsDeleted),
    rowsReadPerSec: exact(x.rowsRead, y.rowsRead), bytesReceivedPerSec: exact(x.bytesReceived, y.bytesReceived), bytesSentPerSec: exact(x.bytesSent, y.bytesSent),
    cpuPercent: exact(x.cpuSec * 100, y.cpuSec * 100), busyPercent: exact(x.busySec * 100, y.busySec * 100),
  } : undefined;
  const machine: MachineUsage = {
    busyPercent: core(a.machine.busySec, b.machine.busySec), idlePercent: core(a.machine.idleSec, b.machine.idleSec), stealPercent: core(a.machine.stealSec, b.machine.stealSec),
  };
  return {
    procs, machine, mysqlStatementsPerSec: per(a.mysqlQuestions, b.mysqlQuestions), mysqlCommitsPerSec: per(a.mysqlCommits, b.mysqlCommits), redisCommandsPerSec: per(a.redisCommands, b.redisCommands),
    redisUsedMemoryMb: Math.round((b.redisUsedMemory / 2 ** 20) * 10) / 10, ...(fleetMysql ? { fleetMysql } : {}),
  };
}

/** The server's /metrics text; empty when it cannot be fetched. */
export const scrapeMetrics = (url: string): Promise<string> => fetch(`${url}/metrics`).then((r) => r.text(), () => '');

/** Event-loop lag gauges of the server (prom-client default metrics), in ms. */
export function eventLoopLag(metrics: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of metrics.split('\n')) {
    const m = /^nodejs_eventloop_lag_(seconds|mean_seconds|p99_seconds|max_seconds)(?:\{[^}]*\})? ([\d.eE+-]+)/.exec(line);
    if (m?.[1] && m[2]) out[m[1] === 'seconds' ? 'current' : m[1].replace('_seconds', '')] = Math.round(Number(m[2]) * 100_000) / 100;
  }
  return out;
}

/** Cumulative count of check-ins (`distributed/read`, every status) per latency bucket bound in seconds, as the server measured them. */
export function checkinBuckets(metrics: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds_bucket{') || !line.includes('distributed/read')) continue;
    // Default labels (role) follow `le`.
    const le = /[{,]le="([^"]+)"/.exec(line)?.[1];
    const value = /\} ([\d.eE+-]+)$/.exec(line)?.[1];
    if (le !== undefined && value !== undefined) out.set(le, (out.get(le) ?? 0) + Number(value));
  }
  return out;
}

/**
 * The server's own timing of the phase's check-ins, from its request-duration histogram: how many it handled and
 * the share of them that took longer than each bound. Beside the simulator's latency it tells whether a slow
 * check-in was slow inside the server's handler or before it (queued in the kernel or behind the event loop).
 */
export interface ServerCheckins { readonly count: number; readonly percentOver: Record<string, number> }

export function serverCheckins(before: Map<string, number>, after: Map<string, number>): ServerCheckins | null {
  const total = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  if (total <= 0) return null;
  const percentOver: Record<string, number> = {};
  for (const le of ['0.025', '0.05', '0.1', '0.25']) {
    const within = (after.get(le) ?? 0) - (before.get(le) ?? 0);
    percentOver[`${Number(le) * 1000}ms`] = Math.round(((total - within) / total) * 10_000) / 100;
  }
  return { count: total, percentOver };
}

export interface SeenLag { readonly hosts: number; readonly p50Sec: number; readonly p99Sec: number; readonly maxSec: number }

/**
 * How far behind now each host's stored seen time is. A host checking in every interval with seen times
 * flushed every collect interval should lag by at most interval + collect interval.
 */
export async function seenLag(mysql: Connection): Promise<SeenLag> {
  const [rows] = await mysql.query('SELECT TIMESTAMPDIFF(MICROSECOND, seen_time, UTC_TIMESTAMP(6)) / 1e6 AS lag FROM host_seen_times ORDER BY lag');
  const lags = (rows as Array<{ lag: string }>).map((r) => Number(r.lag));
  const at = (q: number): number => Math.round((lags[Math.max(0, Math.ceil(q * lags.length) - 1)] ?? 0) * 10) / 10;
  return { hosts: lags.length, p50Sec: at(0.5), p99Sec: at(0.99), maxSec: at(1) };
}
