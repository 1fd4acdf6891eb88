import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { FleetSimulator } from './fleet-simulator';
import type { OsqueryPathPrefix } from './host-options';
import { parsePlatformMix, type PlatformMix } from './platform-mix';
import type { SimulatorStatsSnapshot } from './simulator-stats';

export interface OsqueryPerfArgs {
  readonly serverUrl: string;
  readonly hosts: number;
  readonly enrollSecret: string;
  readonly caPath?: string;
  readonly insecure: boolean;
  readonly durationSec: number;
  readonly platformMix: PlatformMix;
  readonly gzip: boolean;
  readonly nodeKeyHeader: boolean;
  readonly distributedIntervalSec: number;
  readonly configIntervalSec: number;
  readonly loggerIntervalSec: number;
  readonly rampSec: number;
  readonly seed: number;
  readonly connections: number;
  readonly pathPrefix: OsqueryPathPrefix;
  readonly statsEverySec: number;
  readonly resultsFile?: string;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
};
const nonNegative = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative number');
  return n;
};
const serverUrl = (v: string): string => {
  const u = new URL(v);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new InvalidArgumentError('expected an http(s) URL');
  return v;
};
const prefix = (v: string): OsqueryPathPrefix => {
  if (v !== '/api/osquery' && v !== '/api/v1/osquery') throw new InvalidArgumentError('expected /api/osquery or /api/v1/osquery');
  return v;
};

/** The osquery-perf command line. Flag names follow Fleet's osquery-perf (snake_case). */
export function buildOsqueryPerfCommand(onParsed: (args: OsqueryPerfArgs) => Promise<void>): Command {
  return new Command('osquery-perf')
    .description('Simulate many osquery agents against one Fleet-compatible server for a bounded time')
    .requiredOption('--server_url <url>', 'server base URL (https://host:port); the only target ever contacted', serverUrl)
    .requiredOption('--enroll_secret <secret>', 'enroll secret')
    .option('--hosts <n>', 'number of simulated hosts', positiveInt, 100)
    .option('--ca <path>', 'PEM file of the CA that signed the server certificate')
    .option('--insecure', 'do not verify the server certificate', false)
    .option('--duration <seconds>', 'run time, then stop and exit', positiveInt, 60)
    .option('--platform_mix <mix>', 'platform weights, e.g. ubuntu=50,macos=30,windows=20', parsePlatformMix, { ubuntu: 50, macos: 30, windows: 20 })
    .option('--gzip', 'gzip /log bodies (--logger_tls_compress)', false)
    .option('--node_key_header', 'send Authorization: NodeKey like osquery >= 5.23', false)
    .option('--distributed_interval <seconds>', 'distributed read interval', positiveInt, 10)
    .option('--config_interval <seconds>', 'config refresh interval', positiveInt, 60)
    .option('--logger_interval <seconds>', 'logger_tls_period', positiveInt, 10)
    .option('--ramp <seconds>', 'spread enrollment over this many seconds', nonNegative, 0)
    .option('--seed <n>', 'seed of the host templates', positiveInt, 1)
    .option('--connections <n>', 'keep-alive sockets / max concurrent requests', positiveInt, 256)
    .option('--path_prefix <prefix>', 'agent route prefix', prefix, '/api/v1/osquery')
    .option('--stats_every <seconds>', 'print a stats line this often', positiveInt, 10)
    .option('--results_file <path>', 'write final JSON stats here')
    .action(async (o: Record<string, unknown>) => {
      await onParsed({
        serverUrl: o['server_url'] as string, hosts: o['hosts'] as number, enrollSecret: o['enroll_secret'] as string,
        caPath: o['ca'] as string | undefined, insecure: o['insecure'] === true, durationSec: o['duration'] as number,
        platformMix: o['platform_mix'] as PlatformMix, gzip: o['gzip'] === true, nodeKeyHeader: o['node_key_header'] === true,
        distributedIntervalSec: o['distributed_interval'] as number, configIntervalSec: o['config_interval'] as number,
        loggerIntervalSec: o['logger_interval'] as number, rampSec: o['ramp'] as number, seed: o['seed'] as number,
        connections: o['connections'] as number, pathPrefix: o['path_prefix'] as OsqueryPathPrefix, statsEverySec: o['stats_every'] as number,
        resultsFile: o['results_file'] as string | undefined,
      });
    });
}

/** One stats line: enrolled hosts, requests, errors and latency percentiles so far. */
export function formatStatsLine(s: SimulatorStatsSnapshot): string {
  const l = s.totals.latencyMs;
  return `[osquery-perf] t=${Math.round(s.elapsedMs / 1000)}s enrolled=${s.hosts.enrolled}/${s.hosts.total} requests=${s.totals.requests} `
    + `errors=${s.totals.errors} node_invalid=${s.totals.nodeInvalid} p50=${l.p50}ms p95=${l.p95}ms p99=${l.p99}ms `
    + `sent=${(s.totals.bytesSent / 1_048_576).toFixed(1)}MiB results=${s.logs.resultLinesDelivered} buffered=${s.logs.linesBuffered}`;
}

/** Runs the simulator for the given duration and resolves with the final stats (written to results_file if set). */
export async function runSimulation(args: OsqueryPerfArgs, out: (line: string) => void, interrupted?: Promise<void>): Promise<SimulatorStatsSnapshot> {
  const caPem = args.caPath ? await readFile(args.caPath, 'utf8') : undefined;
  const sim = new FleetSimulator({
    serverUrl: args.serverUrl, enrollSecret: args.enrollSecret, hosts: args.hosts, platformMix: args.platformMix, caPem, insecure: args.insecure,
    seed: args.seed, rampMs: args.rampSec * 1000, connections: args.connections, pathPrefix: args.pathPrefix, gzipLogs: args.gzip,
    nodeKeyHeader: args.nodeKeyHeader,
    intervals: { distributedMs: args.distributedIntervalSec * 1000, configRefreshMs: args.configIntervalSec * 1000, loggerMs: args.loggerIntervalSec * 1000 },
    onError: (e) => out(`[osquery-perf] internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`),
  });
  out(`[osquery-perf] ${args.hosts} hosts → ${args.serverUrl} for ${args.durationSec}s`);
  sim.start();
  const ticker = setInterval(() => out(formatStatsLine(sim.snapshot())), args.statsEverySec * 1000);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, args.durationSec * 1000))), ...(interrupted ? [interrupted] : [])]);
  clearTimeout(timer);
  clearInterval(ticker);
  await sim.stop();
  const final = sim.snapshot();
  out(formatStatsLine(final));
  if (args.resultsFile) await writeFile(args.resultsFile, JSON.stringify(final, null, 2) + '\n');
  return final;
}

/** Entry point used by osquery-perf.main.ts: parse argv, run, stop on SIGINT/SIGTERM or when the duration ends. */
export async function runOsqueryPerf(argv: readonly string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<void> {
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await buildOsqueryPerfCommand(async (args) => {
      await runSimulation(args, out, interrupted);
    }).parseAsync([...argv], { from: 'user' });
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
