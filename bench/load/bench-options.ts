import { Command, InvalidArgumentError } from 'commander';

export interface BenchOptions {
  readonly mode: 'full' | 'agent';
  readonly hosts: number;
  readonly step: number;
  readonly maxHosts: number;
  readonly rampSec: number;
  readonly steadySec: number;
  readonly stepSec: number;
  readonly baselineSec: number;
  readonly durationSec: number;
  readonly distributedInterval: number;
  readonly updateInterval: string;
  /** The refresh period `fleet serve` is restarted with after the label + policy phase, for the second steady state and the steps. */
  readonly stepsUpdateInterval: string;
  readonly port: number;
  readonly barePort: number;
  readonly mysql: string;
  readonly redis: string;
  readonly outDir: string;
  readonly profile: boolean;
  readonly connections: number;
  readonly tag: string;
  /** single: `fleet serve` with every role in one process; split: two ingest, one api and one live-query process behind nginx. */
  readonly topology: 'single' | 'split';
}

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};

/** The bench's flags. Defaults fit a 2-core machine and keep the full run under 30 minutes. */
export function parseOptions(argv: readonly string[], defaultOut: string): BenchOptions {
  const cmd = new Command('load-bench')
    .option('--mode <mode>', 'full: baseline, phases and steps; agent: issue 3 acceptance 6 (fixed fleet for --duration)', 'full')
    .option('--hosts <n>', 'steady-state host count (agent mode: the fleet size)', int, 10_000)
    .option('--step <n>', 'hosts added per step after steady state', int, 5_000)
    .option('--max_hosts <n>', 'stop stepping here', int, 25_000)
    .option('--ramp <s>', 'enrollment of the first fleet is spread over this many seconds', int, 60)
    .option('--steady <s>', 'steady-state measurement window', int, 120)
    .option('--step_duration <s>', 'length of each step, its ramp included', int, 150)
    .option('--baseline <s>', 'bare-server measurement window (0 = skip the baseline)', int, 90)
    .option('--duration <s>', 'agent mode: total run time', int, 300)
    .option('--distributed_interval <s>', 'agent check-in period', int, 10)
    .option('--update_interval <d>', 'label/policy refresh period given to fleet serve for the first steady state, the live query and the new label + policy', '2m')
    .option('--steps_update_interval <d>', 'refresh period fleet serve is restarted with for the second steady state and the steps (Fleet\'s default, 1h); equal to --update_interval: no restart', '1h')
    .option('--port <n>', 'fleet serve port', int, 8412)
    .option('--bare_port <n>', 'bare Fastify port', int, 8413)
    .option('--mysql <addr>', 'MariaDB address (user root)', '127.0.0.1:3306')
    .option('--redis <addr>', 'Redis address', '127.0.0.1:6379')
    .option('--out <dir>', 'results directory', defaultOut)
    .option('--no-profile', 'do not CPU-profile the server')
    .option('--connections <n>', 'simulator keep-alive sockets per batch of hosts', int, 256)
    .option('--tag <name>', 'results file stem (full mode)', 'load')
    .option('--topology <t>', 'single: every role in one process; split: 2 ingest + 1 api + 1 live-query processes behind nginx on --port', 'single');
  cmd.parse([...argv], { from: 'user' });
  const o = cmd.opts<Record<string, unknown>>();
  const mode = o['mode'] === 'agent' ? 'agent' : 'full';
  if (o['topology'] !== 'single' && o['topology'] !== 'split') throw new InvalidArgumentError(`--topology must be single or split (got ${String(o['topology'])})`);
  return {
    mode, hosts: o['hosts'] as number, step: o['step'] as number, maxHosts: o['max_hosts'] as number, rampSec: o['ramp'] as number,
    steadySec: o['steady'] as number, stepSec: o['step_duration'] as number, baselineSec: o['baseline'] as number, durationSec: o['duration'] as number,
    distributedInterval: o['distributed_interval'] as number, updateInterval: o['update_interval'] as string,
    stepsUpdateInterval: o['steps_update_interval'] as string, port: o['port'] as number,
    barePort: o['bare_port'] as number, mysql: o['mysql'] as string, redis: o['redis'] as string, outDir: o['out'] as string,
    profile: o['profile'] !== false, connections: o['connections'] as number, tag: o['tag'] as string,
    topology: o['topology'],
  };
}
