/**
 * Load benchmark (issue 7; `--mode agent` is issue 3 acceptance 6). Runs the built `fleet serve` and a bare
 * Fastify baseline as separate processes, drives them with simulated osquery agents from a third process,
 * measures every phase and writes JSON, Markdown and PNG charts under bench/results/.
 * Run: node tools/build.js && node dist/bench/load/load.bench.js [--hosts 10000] [--topology split] [--mode agent --hosts 5000 --duration 300]
 * Re-render the report only (after editing bench/load/findings.md): … load.bench.js --render
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions, type BenchOptions } from './bench-options';
import { machineFacts, startFleetUnderTest } from './fleet-env';
import { runAgentBench, runBaseline, runFleetPhases, steadyAtRefresh, type DataSize, type StepOutcome } from './load-runs';
import { perHostCosts } from './per-host-costs';
import type { PhaseResult } from './phase-meter';
import { ROOT } from './processes';
import { summarizeProfile, type ProfileSummary } from './profile-summary';
import { ratioToBare, renderMarkdown, writeCharts, type LoadResults } from './report';

const THRESHOLDS = { checkinP99Ms: 100, errorRate: 0.001, seenLagSec: 0 };
const FINDINGS = path.join(ROOT, 'bench', 'load', 'findings.md');

function writeReport(r: LoadResults, outDir: string, stem: string): void {
  writeFileSync(path.join(outDir, `${stem}-results.json`), `${JSON.stringify(r, null, 2)}\n`);
  const charts = writeCharts(r, outDir, stem);
  writeFileSync(path.join(outDir, `${stem}-report.md`), renderMarkdown(r, charts, FINDINGS));
}

async function runFull(o: BenchOptions, runDir: string, started: number, command: string, facts: Record<string, unknown>): Promise<void> {
  const thresholds = { ...THRESHOLDS, seenLagSec: 2 * o.distributedInterval };
  const baseline = o.baselineSec > 0 ? await runBaseline(o) : null;
  const fleet = await startFleetUnderTest(o, runDir);
  let phases: PhaseResult[] = [];
  let steps: StepOutcome | null = null;
  let data: DataSize | null = null;
  let profiles: ProfileSummary[] = [];
  try {
    ({ phases, steps, data } = await runFleetPhases(o, fleet, thresholds));
  } finally {
    profiles = (await fleet.close()).map((f) => summarizeProfile(f));
  }
  const steady = phases.find((p) => p.name === 'steady state');
  const atStepsRefresh = phases.find((p) => p.name === steadyAtRefresh(o.stepsUpdateInterval));
  const live = phases.find((p) => p.name === 'live query to all hosts');
  const machine = { ...facts, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100), runDir };
  if (steady && data) {
    const costs = perHostCosts({ command, machine, steady, live: live ?? null, data, distributedIntervalSec: o.distributedInterval, topology: o.topology });
    writeFileSync(path.join(o.outDir, `costs-${o.tag}.json`), `${JSON.stringify(costs, null, 2)}\n`);
  }
  writeReport({
    benchmark: `Load: ${o.hosts} hosts steady state (label/policy refresh ${o.updateInterval}${o.stepsUpdateInterval === o.updateInterval ? '' : `, then ${o.stepsUpdateInterval}`}), steps of ${o.step} to ${o.maxHosts}, against ${o.topology === 'split' ? 'two ingest, one api and one live-query process behind nginx' : 'fleet serve'}${baseline ? ' and a bare Fastify baseline' : ''}`,
    command, machine, options: { ...o }, thresholds,
    baseline, phases, steps, profiles,
    // Per steady state: the one at --update_interval, and the one after the restart at the steps' refresh.
    ratioToBare: baseline ? Object.fromEntries([steady, atStepsRefresh].filter((p) => p !== undefined).map((p) => [p.name, ratioToBare(baseline, p)])) : null, durationSec: Math.round((Date.now() - started) / 1000),
  }, o.outDir, o.tag);
}

async function runAgent(opts: BenchOptions, runDir: string, started: number, command: string, facts: Record<string, unknown>): Promise<void> {
  // Issue 3 measures the agent API as deployed: Fleet's default 1 h label/policy refresh, not the full run's short one.
  const o = { ...opts, updateInterval: '1h' };
  const fleet = await startFleetUnderTest(o, runDir);
  let phases: PhaseResult[] = [];
  let profiles: ProfileSummary[] = [];
  try {
    phases = await runAgentBench(o, fleet);
  } finally {
    profiles = (await fleet.close()).map((f) => summarizeProfile(f, 10));
  }
  const endpoints = (p: PhaseResult | undefined) => Object.fromEntries(Object.entries(p?.sim.endpoints ?? {}).map(([k, e]) => [k,
    { rate_per_sec: e.ratePerSec, p50_ms: e.latencyMs.p50, p95_ms: e.latencyMs.p95, p99_ms: e.latencyMs.p99, max_ms: e.latencyMs.max, requests: e.requests, errors: e.errors, node_invalid: e.nodeInvalid }]));
  const out = {
    benchmark: `${o.hosts} simulated osquery hosts for ${o.durationSec} s against fleet serve (issue 3, acceptance 6)`, command,
    machine: { ...facts, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    setup: { hosts: o.hosts, duration_sec: o.durationSec, ramp_sec: o.rampSec, distributed_interval_sec: o.distributedInterval, config_interval_sec: 60, logger_interval_sec: 10,
      server: o.topology === 'split' ? 'fleet serve --role per process (2 ingest, 1 api, 1 live-query) behind nginx, simulator in a child process' : 'fleet serve (all roles, one process), simulator in a child process' },
    steady_state: { window_sec: phases[1]?.sim.seconds, endpoints: endpoints(phases[1]), total: phases[1]?.sim.total, seen_lag: phases[1]?.seenLag, system: phases[1]?.system, event_loop_lag_ms: phases[1]?.eventLoopLagMs,
      server_checkins: phases[1]?.serverCheckins ?? null, simulator_loop: phases[1]?.sim.simulatorLoop, simulator_sockets: phases[1]?.sim.connections },
    enrollment_ramp: { window_sec: phases[0]?.sim.seconds, endpoints: endpoints(phases[0]), total: phases[0]?.sim.total },
    profile_top: profiles.map((p) => ({ file: p.file, top: p.topFunctions, byOwner: p.byOwner })),
    duration_sec: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(path.join(o.outDir, `agent-${o.hosts}.json`), `${JSON.stringify(out, null, 2)}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = `node dist/bench/load/load.bench.js ${argv.join(' ')}`.trim();
  const o = parseOptions(argv.filter((a) => a !== '--render'), path.join(ROOT, 'bench', 'results'));
  mkdirSync(o.outDir, { recursive: true });
  if (argv.includes('--render')) {
    writeReport(JSON.parse(readFileSync(path.join(o.outDir, `${o.tag}-results.json`), 'utf8')) as LoadResults, o.outDir, o.tag);
    return;
  }
  const runDir = path.join(os.tmpdir(), `fleet-load-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  process.stdout.write(`[load] ${o.mode} run, working files in ${runDir}\n`);
  // Taken before anything starts: the load average then shows what other sessions were doing.
  const facts = machineFacts();
  if (o.mode === 'agent') await runAgent(o, runDir, Date.now(), command, facts);
  else await runFull(o, runDir, Date.now(), command, facts);
}

main().then(() => process.exit(0), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
