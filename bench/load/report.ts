import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderLineChart, type Series } from './line-chart';
import type { PhaseResult } from './phase-meter';
import type { ProfileSummary } from './profile-summary';
import type { StepOutcome } from './load-runs';
import { SERVER_PART } from './system-probe';

export interface LoadResults {
  readonly benchmark: string;
  readonly command: string;
  readonly machine: Record<string, unknown>;
  readonly options: Record<string, unknown>;
  readonly thresholds: Record<string, number>;
  readonly baseline: PhaseResult | null;
  readonly phases: readonly PhaseResult[];
  readonly steps: StepOutcome | null;
  /** Fleet / bare per steady-state phase, by phase name (results before 2026-12-06 hold one flat record). */
  readonly ratioToBare: Record<string, Record<string, number | null>> | Record<string, number | null> | null;
  readonly profiles: readonly ProfileSummary[];
  readonly durationSec: number;
}

const cpu = (p: PhaseResult, proc: string): number | null => p.system.procs[proc]?.cpuPercent ?? null;
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a != null && b ? Math.round((a / b) * 100) / 100 : null);

/** Fleet relative to the bare server at the same host count: >1 latency ratio = slower, CPU per request ratio = cost. */
export function ratioToBare(bare: PhaseResult, fleet: PhaseResult): Record<string, number | null> {
  const perReq = (p: PhaseResult): number | null => { const c = cpu(p, 'server'); return c === null || p.sim.total.ratePerSec === 0 ? null : (c * 10) / p.sim.total.ratePerSec; };
  return {
    throughput: ratio(fleet.sim.total.ratePerSec, bare.sim.total.ratePerSec),
    checkinP50: ratio(fleet.sim.checkin.latencyMs.p50, bare.sim.checkin.latencyMs.p50),
    checkinP99: ratio(fleet.sim.checkin.latencyMs.p99, bare.sim.checkin.latencyMs.p99),
    serverCpu: ratio(cpu(fleet, 'server'), cpu(bare, 'server')),
    serverCpuMsPerRequest: ratio(perReq(fleet), perReq(bare)),
    fleetServerCpuMsPerRequest: perReq(fleet), bareServerCpuMsPerRequest: perReq(bare),
  };
}

/** The simulator's loop delay p99 / max, its GC pauses (total / longest) in ms, and the sockets it opened / saw closed. */
function simLoop(p: PhaseResult): string {
  const l = p.sim.simulatorLoop;
  const c = p.sim.connections;
  return `${l.delayP99Ms} / ${l.delayMaxMs}; GC ${l.gcMs} / ${l.gcMaxPauseMs}; sockets +${c.opened} / −${c.closed}`;
}

/** Share of the phase's check-ins the server itself timed above 50 / 100 ms. */
function atServer(p: PhaseResult): string {
  const c = p.serverCheckins;
  return c ? `${c.percentOver['50ms']}% / ${c.percentOver['100ms']}%` : '–';
}

/** The whole machine's CPU busy / stolen by the hypervisor, in % of one core. */
function machine(p: PhaseResult): string {
  const m = p.system.machine;
  return m ? `${m.busyPercent}% / ${m.stealPercent}%` : '–';
}

function phaseRow(p: PhaseResult): string {
  const l = p.sim.checkin.latencyMs;
  const procs = ['server', 'mariadbd', 'redis-server', 'simulator'].map((k) => { const u = p.system.procs[k]; return u ? `${u.cpuPercent}% / ${u.rssMb}` : '–'; });
  const seen = p.seenLag ? `${p.seenLag.p50Sec} / ${p.seenLag.p99Sec} / ${p.seenLag.maxSec}` : '–';
  return `| ${p.name} (${p.target}) | ${p.hosts} | ${p.sim.total.ratePerSec} | ${l.p50} / ${l.p95} / ${l.p99} | ${p.sim.total.latencyMs.p99} | ${p.sim.total.errors} + ${p.sim.total.nodeInvalid} | ${seen} | ${procs.join(' | ')} | ${p.eventLoopLagMs?.['p99'] ?? '–'} | ${atServer(p)} | ${simLoop(p)} | ${p.system.mysqlStatementsPerSec} / ${p.system.mysqlCommitsPerSec} | ${p.system.redisCommandsPerSec} | ${p.loadAvg1m ?? '–'} | ${machine(p)} |`;
}

function endpointTable(p: PhaseResult): string[] {
  const rows = Object.entries(p.sim.endpoints).map(([name, e]) => `| ${name} | ${e.ratePerSec} | ${e.latencyMs.p50} | ${e.latencyMs.p95} | ${e.latencyMs.p99} | ${e.latencyMs.max} | ${e.errors} | ${e.nodeInvalid} |`);
  return ['| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | node_invalid |', '|---|---|---|---|---|---|---|---|', ...rows];
}

/** Latency and CPU against host count, from the steady-state and step phases. */
export function writeCharts(r: LoadResults, outDir: string, stem: string): string[] {
  // The steps continue from the last steady state (after the restart with the steps' refresh, when there is one).
  const steadies = r.phases.filter((p) => p.name.startsWith('steady state'));
  const scaling = [...steadies.slice(-1), ...r.phases.filter((p) => p.name.startsWith('step'))];
  const lat: Series[] = (['p50', 'p95', 'p99'] as const).map((q) => ({ name: `CHECK-IN ${q}`, points: scaling.map((p) => [p.hosts, p.sim.checkin.latencyMs[q]] as const) }));
  if (r.baseline) lat.push({ name: 'BARE p99', points: [[r.baseline.hosts, r.baseline.sim.checkin.latencyMs.p99]] });
  const cpuSeries: Series[] = ['server', 'mariadbd', 'redis-server', 'simulator'].map((k) => ({ name: k, points: scaling.map((p) => [p.hosts, cpu(p, k) ?? 0] as const) }));
  if (r.baseline) cpuSeries.push({ name: 'bare server', points: [[r.baseline.hosts, cpu(r.baseline, 'server') ?? 0]] });
  const files = [
    [`${stem}-latency.png`, renderLineChart({ title: 'CHECK-IN LATENCY VS HOSTS', xLabel: 'SIMULATED HOSTS', yLabel: 'MS', series: lat })],
    [`${stem}-cpu.png`, renderLineChart({ title: 'CPU VS HOSTS', xLabel: 'SIMULATED HOSTS', yLabel: '% OF ONE CORE', series: cpuSeries })],
  ] as const;
  for (const [name, png] of files) writeFileSync(path.join(outDir, name), png);
  return files.map(([name]) => name);
}

/** Split runs: each role process and nginx per phase (the phase table's `server` is the processes' sum). */
function processTable(phases: readonly PhaseResult[]): string[] {
  const names = [...new Set(phases.flatMap((p) => Object.keys(p.system.procs).filter((k) => k.startsWith(SERVER_PART) || k === 'nginx')))];
  if (names.length === 0) return [];
  const cell = (p: PhaseResult, k: string): string => { const u = p.system.procs[k]; return u ? `${u.cpuPercent}% / ${u.rssMb}` : '–'; };
  return ['## Server processes', '', 'CPU in % of one core / RSS in MB of each `fleet serve --role` process and of the nginx worker in front of them.', '',
    `| phase | ${names.map((n) => n.replace(SERVER_PART, '')).join(' | ')} |`, `|---|${names.map(() => '---|').join('')}`,
    ...phases.map((p) => `| ${p.name} | ${names.map((n) => cell(p, n)).join(' | ')} |`), ''];
}

export function renderMarkdown(r: LoadResults, charts: readonly string[], findingsFile: string): string {
  const steadies = r.phases.filter((p) => p.name.startsWith('steady state'));
  const out = [`# ${r.benchmark}`, '', `Command: \`${r.command}\`  `, `Machine: ${JSON.stringify(r.machine)}  `, `Run time: ${r.durationSec} s; thresholds: ${JSON.stringify(r.thresholds)}`, ''];
  if (r.steps) out.push(`**Highest host count that held: ${r.steps.highestHeld ?? 'none'}**${r.steps.stoppedBy ? ` — stopped by: ${r.steps.stoppedBy.join('; ')}` : ' (no bound broken up to the last step)'}`, '');
  out.push('## Phases', '', 'Latency = distributed/read (check-in) p50 / p95 / p99 in ms at the simulator; errors = error bodies, non-JSON and transport failures + node_invalid; seen lag = now − host_seen_times.seen_time p50 / p99 / max in s; CPU in % of one core / RSS in MB; MariaDB and Redis counters are server-wide (other sessions share them).', '',
    '| phase | hosts | req/s | check-in p50/p95/p99 | all p99 | errors | seen lag s | server | mariadbd | redis | simulator | loop lag p99 ms | check-ins the server timed > 50 / 100 ms | simulator loop p99 / max; GC total / longest ms; sockets opened / closed | MySQL stmt/commit per s | Redis cmd/s | load 1m | machine busy / steal |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|', ...[...(r.baseline ? [r.baseline] : []), ...r.phases].map(phaseRow), '');
  out.push(...processTable(r.phases));
  for (const steady of steadies) out.push(`## ${steady.name[0]?.toUpperCase()}${steady.name.slice(1)}: per endpoint (fleet)`, '', ...endpointTable(steady), '');
  if (r.baseline) out.push('## Bare Fastify baseline per endpoint', '', ...endpointTable(r.baseline), '', `Ratio fleet / bare at ${r.baseline.hosts} hosts: \`${JSON.stringify(r.ratioToBare)}\``, '');
  for (const p of r.phases.filter((x) => x.extra)) out.push(`## ${p.name}`, '', '```json', JSON.stringify(p.extra, null, 1), '```', '');
  for (const prof of r.profiles) {
    out.push(`## CPU profile of fleet serve (${prof.file}; ${prof.totalMs} ms sampled, ${prof.busyPercent}% busy)`, '', '| self % of busy | self ms | function | where | called from (nearest non-node frame) |', '|---|---|---|---|---|',
      ...prof.topFunctions.map((f) => `| ${f.percent} | ${f.selfMs} | ${f.name} | ${f.where} | ${(f.origins ?? []).join('<br>')} |`), '', 'By owner:', '', '| self % | owner |', '|---|---|',
      ...prof.byOwner.map((f) => `| ${f.percent} | ${f.name} |`), '');
  }
  out.push(...charts.map((c) => `![${c}](${c})`), '');
  // The findings are about the single-process runs; a split run's report stands on its own figures.
  if (r.options['topology'] !== 'split' && existsSync(findingsFile)) out.push(readFileSync(findingsFile, 'utf8'));
  return out.join('\n');
}
