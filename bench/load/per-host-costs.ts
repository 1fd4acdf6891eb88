import type { DataSize } from './load-runs';
import type { PhaseResult } from './phase-meter';
import { SERVER_PART } from './system-probe';

/**
 * What one host costs each part of the system, from the steady-state phase of a load run: the data
 * bench/costs/reference-architectures.ts sizes deployments from. Rates are per host so they scale linearly
 * with the fleet; everything is measured, nothing assumed (the caveats name what a figure includes).
 */
export interface PerHostCosts {
  readonly source: {
    readonly command: string;
    readonly machine: Record<string, unknown>;
    readonly hosts: number;
    readonly windowSec: number;
    readonly distributedIntervalSec: number;
    readonly loadAvg1mAtEnd: number;
    readonly caveats: readonly string[];
  };
  readonly ingest: {
    readonly serverCpuMsPerHostPerMin: number | null;
    readonly cpuMsPerRequest: number | null;
    readonly requestsPerHostPerMin: number;
    readonly serverRssMb: number | null;
  };
  readonly mysql: {
    readonly statementsPerHostPerHour: number | null;
    readonly commitsPerHostPerHour: number | null;
    readonly rowsWrittenPerHostPerHour: number | null;
    readonly rowsReadPerHostPerHour: number | null;
    readonly cpuMsPerHostPerMin: number | null;
    readonly bytesPerHostPerHour: { readonly toServer: number | null; readonly fromServer: number | null };
    readonly dataBytesPerHost: number;
    readonly softwareRowsPerHost: number;
    readonly largestTables: Record<string, number>;
  };
  readonly redis: {
    readonly commandsPerHostPerMin: number;
    readonly memoryBytesPerHost: number;
    readonly cpuMsPerHostPerMin: number | null;
  };
  readonly network: {
    readonly checkinRequestBytes: number | null;
    readonly checkinResponseBytes: number | null;
    readonly bytesPerHostPerMin: { readonly fromAgents: number; readonly toAgents: number };
  };
  /** Split runs only: each role process's CPU and memory, steady state and during the live query to all hosts. */
  readonly roles: Record<string, { readonly cpuMsPerHostPerMin: number | null; readonly liveQueryCpuPercent: number | null; readonly rssMb: number | null }> | null;
  readonly liveQueryToAll: {
    readonly serverCpuPercent: number | null;
    readonly redisCommandsPerSec: number;
    readonly redisMemoryMbDuring: number;
    readonly redisMemoryBytesPerTargetedHost: number | null;
    readonly checkinP99Ms: number;
  } | null;
}

const r2 = (n: number): number => Math.round(n * 100) / 100;
const r4 = (n: number): number => Math.round(n * 10_000) / 10_000;

export function perHostCosts(input: { command: string; machine: Record<string, unknown>; steady: PhaseResult; live: PhaseResult | null; data: DataSize; distributedIntervalSec: number; topology: 'single' | 'split' }): PerHostCosts {
  const { steady, live, data } = input;
  const hosts = steady.hosts;
  const sec = steady.sim.seconds;
  const serverCpu = steady.system.procs['server']?.cpuPercent ?? null;
  const redisCpu = steady.system.procs['redis-server']?.cpuPercent ?? null;
  const reqPerSec = steady.sim.total.ratePerSec;
  const my = steady.system.fleetMysql;
  // % of one core → ms of CPU per second → per host per minute.
  const cpuPerHostMin = (percent: number | null): number | null => (percent === null ? null : r4(((percent * 10) * 60) / hosts));
  const perHostHour = (perSec: number | undefined): number | null => (perSec === undefined ? null : r2((perSec * 3600) / hosts));
  const checkin = steady.sim.endpoints.distributed_read;
  const liveMemory = live ? live.system.redisUsedMemoryMb - steady.system.redisUsedMemoryMb : null;
  const liveTargets = Number((live?.extra?.['liveQuery'] as { targeted?: number } | undefined)?.targeted ?? 0);
  return {
    source: {
      command: input.command, machine: input.machine, hosts, windowSec: r2(sec), distributedIntervalSec: input.distributedIntervalSec, loadAvg1mAtEnd: steady.loadAvg1m,
      caveats: [
        input.topology === 'split'
          ? 'Server CPU is the sum of four `fleet serve --role` processes (two ingest, one api, one live-query) behind nginx, with no admin traffic; `roles` gives each process, nginx is not counted.'
          : 'Server CPU is the one `fleet serve` process running every role (ingest, api, live-query) with no admin traffic: the api and live-query roles idle, their schedules included.',
        'MySQL figures are the server\'s own MySQL user (MariaDB USER_STATISTICS), so other work on the shared MariaDB is not counted; MySQL CPU is MariaDB\'s own accounting for that user.',
        'Redis is a redis-server of the run\'s own: commands, memory and CPU are the server\'s alone. Memory per host includes the empty server\'s ~1 MB.',
        'Bytes are JSON bodies as sent (HTTP headers and TLS not counted).',
      ],
    },
    ingest: {
      serverCpuMsPerHostPerMin: cpuPerHostMin(serverCpu),
      cpuMsPerRequest: serverCpu === null || reqPerSec === 0 ? null : r4((serverCpu * 10) / reqPerSec),
      requestsPerHostPerMin: r2((reqPerSec * 60) / hosts),
      serverRssMb: steady.system.procs['server']?.rssMb ?? null,
    },
    mysql: {
      statementsPerHostPerHour: perHostHour(my?.statementsPerSec),
      commitsPerHostPerHour: perHostHour(my?.commitsPerSec),
      rowsWrittenPerHostPerHour: perHostHour(my?.rowsWrittenPerSec),
      rowsReadPerHostPerHour: perHostHour(my?.rowsReadPerSec),
      cpuMsPerHostPerMin: my ? cpuPerHostMin(my.cpuPercent) : null,
      bytesPerHostPerHour: { toServer: perHostHour(my?.bytesReceivedPerSec), fromServer: perHostHour(my?.bytesSentPerSec) },
      dataBytesPerHost: data.hosts > 0 ? Math.round(data.bytes / data.hosts) : 0,
      softwareRowsPerHost: data.hosts > 0 ? r2(data.softwareRows / data.hosts) : 0,
      largestTables: data.tables,
    },
    redis: {
      commandsPerHostPerMin: r4((steady.system.redisCommandsPerSec * 60) / hosts),
      memoryBytesPerHost: Math.round((steady.system.redisUsedMemoryMb * 2 ** 20) / hosts),
      cpuMsPerHostPerMin: cpuPerHostMin(redisCpu),
    },
    network: {
      checkinRequestBytes: checkin && checkin.requests > 0 ? r2(checkin.bytesSent / checkin.requests) : null,
      checkinResponseBytes: checkin && checkin.requests > 0 ? r2(checkin.bytesReceived / checkin.requests) : null,
      bytesPerHostPerMin: { fromAgents: Math.round((steady.sim.total.bytesSent / sec) * 60 / hosts), toAgents: Math.round((steady.sim.total.bytesReceived / sec) * 60 / hosts) },
    },
    roles: input.topology === 'split' ? Object.fromEntries(Object.entries(steady.system.procs).filter(([name]) => name.startsWith(SERVER_PART)).map(([name, u]) => [name.slice(SERVER_PART.length), {
      cpuMsPerHostPerMin: cpuPerHostMin(u?.cpuPercent ?? null), liveQueryCpuPercent: live?.system.procs[name]?.cpuPercent ?? null, rssMb: u?.rssMb ?? null,
    }])) : null,
    liveQueryToAll: live ? {
      serverCpuPercent: live.system.procs['server']?.cpuPercent ?? null,
      redisCommandsPerSec: live.system.redisCommandsPerSec,
      redisMemoryMbDuring: live.system.redisUsedMemoryMb,
      redisMemoryBytesPerTargetedHost: liveMemory !== null && liveTargets > 0 ? Math.round((liveMemory * 2 ** 20) / liveTargets) : null,
      checkinP99Ms: live.sim.checkin.latencyMs.p99,
    } : null,
  };
}
