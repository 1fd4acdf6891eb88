/**
 * Our reference architectures for 1,000 / 25,000 / 150,000 / 300,000 hosts, computed from measured per-host
 * costs (bench/results/costs-*.json, written by the load benchmark's steady state) with stated headroom, beside
 * the table Fleet publishes for the same tiers. Writes docs/reference-architectures.md and the Helm values of
 * each tier, charts/fleet/values-<tier>.yaml (rendered and validated by the chart tests in e2e/deploy/).
 *
 * Run: node tools/build.js --only bench && node dist/bench/costs/reference-architectures.js [--costs bench/results/costs-<tag>.json]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PerHostCosts } from '../load/per-host-costs';

/** Repository root from dist/bench/costs/ or .build/<name>/bench/costs/. */
const BUILD = path.resolve(__dirname, '..', '..');
const ROOT = path.basename(path.dirname(BUILD)) === '.build' ? path.resolve(BUILD, '..', '..') : path.dirname(BUILD);

/** Every headroom and assumption the sizing uses, printed in the document as they are applied. */
export const ASSUMPTIONS = {
  /** Steady-state CPU is planned at this share of the request: the rest absorbs live queries to all hosts, enroll and reconnect storms, and a replica lost. */
  cpuTargetUtilisation: 0.4,
  /** CPU one ingest replica requests (millicores); replicas = cores needed / this. */
  ingestCpuPerReplicaMillicores: 1000,
  /** Ingest memory: the process without hosts, plus the in-process host cache (every replica sees every host), times this headroom. */
  ingestBaseMemoryMb: 300,
  memoryHeadroom: 1.5,
  /** Fewest replicas of a role (two for availability through a node loss or a rolling update). */
  minReplicas: 2,
  /** Admin API requests per second assumed per tier (UI users and automation); CPU per request is an upper bound from the admin-api bench. */
  adminRequestsPerSec: { '1k': 2, '25k': 10, '150k': 30, '300k': 50 } as Record<string, number>,
  /** Upper bound of api CPU per admin request: the host list page's p50 latency (27 ms, includes MySQL wait) in bench/results/admin-api.json. */
  apiCpuMsPerRequest: 27,
  /** MySQL CPU is planned at this share of its vCPUs (admin reads, vulnerability runs and storms come on top of agent traffic). */
  mysqlCpuTargetUtilisation: 0.3,
  /** The buffer pool holds the whole data set times this; the instance has this share of its memory for the buffer pool. */
  mysqlDataHeadroom: 1.5,
  mysqlBufferPoolShare: 0.7,
  /** Write IOPS per commit (redo log and doublewrite, group commit not counted on) and per 50 rows written (dirty pages flushed). */
  iopsPerCommit: 2,
  rowsPerWriteIo: 50,
  /** Software items per host the data size is planned for (Fleet's own sizing assumes about 300). */
  softwarePerHost: 300,
  /** MySQL vCPUs are at least statements per second ÷ this (MariaDB's per-user CPU leaves out its I/O and purge threads). */
  statementsPerSecPerVcpu: 500,
  /** A read replica for the admin API's heavy reads from this many hosts. */
  readReplicaFromHosts: 100_000,
  /** Redis memory headroom (campaign streams, fragmentation, a fork for persistence) and the ops/s one Redis core is planned for. */
  redisMemoryHeadroom: 3,
  redisOpsPerCorePlanned: 40_000,
} as const;

interface Tier { readonly name: string; readonly hosts: number }
const TIERS: readonly Tier[] = [{ name: '1k', hosts: 1_000 }, { name: '25k', hosts: 25_000 }, { name: '150k', hosts: 150_000 }, { name: '300k', hosts: 300_000 }];

/** Fleet's published AWS breakpoints (the seed document), for the same tiers. */
const FLEET_TABLE: Record<string, { fleet: string; redis: string; mysql: string }> = {
  '1k': { fleet: '1 Fargate task, 512 CPU units (0.5 vCPU), 4 GB', redis: 't4g.small', mysql: 'db.t3.small (2 vCPU, 2 GiB)' },
  '25k': { fleet: '10 Fargate tasks, 1024 CPU units (1 vCPU), 4 GB', redis: 'm6g.large', mysql: 'db.r6g.large (2 vCPU, 16 GiB)' },
  '150k': { fleet: '20 Fargate tasks, 1 vCPU, 4 GB', redis: 'm6g.large × 3', mysql: 'db.r6g.4xlarge (16 vCPU, 128 GiB) × 1' },
  '300k': { fleet: '20 Fargate tasks, 1 vCPU, 4 GB', redis: 'm6g.large × 3', mysql: 'db.r6g.16xlarge (64 vCPU, 512 GiB) × 2' },
};

const VCPU_STEPS = [2, 4, 8, 16, 32, 48, 64, 96];
const GIB_STEPS = [2, 4, 8, 16, 32, 64, 128, 256, 384, 512, 768];
const up = (steps: readonly number[], v: number): number => steps.find((s) => s >= v) ?? Math.ceil(v);
const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;

export interface TierSizing {
  readonly tier: string;
  readonly hosts: number;
  readonly ingest: { readonly cores: number; readonly replicas: number; readonly cpuMillicores: number; readonly memoryMi: number };
  readonly api: { readonly cores: number; readonly replicas: number; readonly cpuMillicores: number; readonly memoryMi: number; readonly adminRequestsPerSec: number };
  readonly liveQuery: { readonly replicas: number; readonly cpuMillicores: number; readonly memoryMi: number };
  readonly mysql: { readonly statementsPerSec: number; readonly commitsPerSec: number; readonly rowsWrittenPerSec: number; readonly cores: number; readonly vcpu: number; readonly dataGib: number; readonly memoryGib: number; readonly writeIops: number; readonly readReplica: boolean };
  readonly redis: { readonly opsPerSec: number; readonly memoryGib: number; readonly cores: number; readonly cluster: boolean };
  readonly network: { readonly agentMbitPerSec: number };
}

const SOFTWARE_TABLES = ['host_software', 'host_software_installed_paths'];

/** Bytes per software row (its host_software row and installed paths), from the largest tables of the run. */
function softwareRowBytes(c: PerHostCosts): number {
  const rows = c.mysql.softwareRowsPerHost * c.source.hosts;
  const bytes = SOFTWARE_TABLES.reduce((sum, t) => sum + (c.mysql.largestTables[t] ?? 0), 0);
  return rows > 0 ? bytes / rows : 0;
}

/** MySQL bytes per host with ASSUMPTIONS.softwarePerHost software items: the run's bytes without its software rows, plus that many rows. */
export function dataBytesPerHost(c: PerHostCosts): number {
  const perRow = softwareRowBytes(c);
  return c.mysql.dataBytesPerHost - perRow * c.mysql.softwareRowsPerHost + perRow * ASSUMPTIONS.softwarePerHost;
}

/** The sizing of one tier from the per-host costs; every step is one of ASSUMPTIONS. */
export function sizeTier(c: PerHostCosts, t: Tier): TierSizing {
  const a = ASSUMPTIONS;
  const n = t.hosts;
  const perMin = (v: number | null): number => ((v ?? 0) * n) / 60_000; // ms per host per minute → cores
  const ingestCores = perMin(c.ingest.serverCpuMsPerHostPerMin) / a.cpuTargetUtilisation;
  const ingestReplicas = Math.max(a.minReplicas, Math.ceil((ingestCores * 1000) / a.ingestCpuPerReplicaMillicores));
  const rss = c.ingest.serverRssMb ?? a.ingestBaseMemoryMb;
  const perHostMb = Math.max(0, rss - a.ingestBaseMemoryMb) / c.source.hosts;
  const ingestMemory = Math.ceil(((a.ingestBaseMemoryMb + perHostMb * n) * a.memoryHeadroom) / 64) * 64;
  const adminRate = a.adminRequestsPerSec[t.name] ?? 10;
  const apiCores = (adminRate * a.apiCpuMsPerRequest) / 1000 / a.cpuTargetUtilisation;
  const apiReplicas = Math.max(a.minReplicas, Math.ceil(apiCores));
  const hour = (v: number | null): number => ((v ?? 0) * n) / 3600;
  const commits = hour(c.mysql.commitsPerHostPerHour);
  const rows = hour(c.mysql.rowsWrittenPerHostPerHour);
  const statements = hour(c.mysql.statementsPerHostPerHour);
  const mysqlCores = Math.max(perMin(c.mysql.cpuMsPerHostPerMin) / a.mysqlCpuTargetUtilisation, statements / a.statementsPerSecPerVcpu);
  const dataGib = (dataBytesPerHost(c) * n) / 2 ** 30;
  const memoryGib = up(GIB_STEPS, Math.max(2, (dataGib * a.mysqlDataHeadroom) / a.mysqlBufferPoolShare));
  const redisOps = (c.redis.commandsPerHostPerMin * n) / 60;
  const redisMemoryGib = (c.redis.memoryBytesPerHost * n * a.redisMemoryHeadroom + (c.liveQueryToAll?.redisMemoryBytesPerTargetedHost ?? 0) * n) / 2 ** 30;
  const redisCores = redisOps / a.redisOpsPerCorePlanned;
  const agentBytesPerSec = ((c.network.bytesPerHostPerMin.fromAgents + c.network.bytesPerHostPerMin.toAgents) * n) / 60;
  return {
    tier: t.name, hosts: n,
    ingest: { cores: round(ingestCores, 2), replicas: ingestReplicas, cpuMillicores: a.ingestCpuPerReplicaMillicores, memoryMi: ingestMemory },
    api: { cores: round(apiCores, 2), replicas: apiReplicas, cpuMillicores: 500, memoryMi: 512, adminRequestsPerSec: adminRate },
    liveQuery: { replicas: n >= 150_000 ? 3 : 2, cpuMillicores: n >= 150_000 ? 500 : 250, memoryMi: 512 },
    mysql: {
      statementsPerSec: Math.round(statements), commitsPerSec: Math.round(commits), rowsWrittenPerSec: Math.round(rows),
      cores: round(mysqlCores, 2), vcpu: up(VCPU_STEPS, mysqlCores), dataGib: round(dataGib, 2), memoryGib,
      writeIops: Math.ceil(commits * a.iopsPerCommit + rows / a.rowsPerWriteIo), readReplica: n >= a.readReplicaFromHosts,
    },
    redis: { opsPerSec: Math.round(redisOps), memoryGib: round(Math.max(0.5, redisMemoryGib), 2), cores: round(redisCores, 2), cluster: redisCores > 1 },
    network: { agentMbitPerSec: round((agentBytesPerSec * 8) / 1e6, 1) },
  };
}

/** Helm values of a tier: replicas, requests and limits per role; autoscaling starts at the computed count. */
export function tierValues(s: TierSizing, costsFile: string): string {
  const role = (replicas: number, cpu: number, memoryMi: number, maxFactor: number): string => [
    `    replicas: ${replicas}`,
    '    resources:',
    `      requests: { cpu: ${cpu}m, memory: ${memoryMi}Mi }`,
    `      limits: { cpu: "${Math.max(1, Math.ceil((cpu * 2) / 1000))}", memory: ${Math.ceil((memoryMi * 1.5) / 64) * 64}Mi }`,
    `    autoscaling: { enabled: true, minReplicas: ${replicas}, maxReplicas: ${Math.max(replicas + 1, Math.ceil(replicas * maxFactor))}, targetCPUUtilizationPercentage: 70 }`,
  ].join('\n');
  return [
    `# Tier of ${s.hosts.toLocaleString('en-US')} hosts, written by bench/costs/reference-architectures.ts from ${costsFile}`,
    '# (see docs/reference-architectures.md for the figures and headroom behind each number). Use with',
    `#   helm install fleet charts/fleet -f charts/fleet/values-${s.tier}.yaml -f your-values.yaml`,
    `# MySQL: ${s.mysql.vcpu} vCPU, ${s.mysql.memoryGib} GiB, ${s.mysql.writeIops} write IOPS${s.mysql.readReplica ? ', a read replica' : ''}; Redis: ${s.redis.memoryGib} GiB, ${s.redis.opsPerSec} ops/s${s.redis.cluster ? ' (a cluster)' : ''}.`,
    'roles:',
    '  ingest:',
    role(s.ingest.replicas, s.ingest.cpuMillicores, s.ingest.memoryMi, 2),
    '  api:',
    role(s.api.replicas, s.api.cpuMillicores, s.api.memoryMi, 2),
    '  liveQuery:',
    role(s.liveQuery.replicas, s.liveQuery.cpuMillicores, s.liveQuery.memoryMi, 2),
    '',
  ].join('\n');
}

function newestCosts(dir: string): string {
  const files = readdirSync(dir).filter((f) => /^costs-.+\.json$/.test(f)).map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`no costs-*.json in ${dir}: run the load benchmark first`);
  return files.sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs)[0];
}

/**
 * Each host checks in every distributed interval and fetches its config every minute, so a run that kept up offers
 * at least that many requests per host per minute. When the simulator fell short (a machine too busy for it), the
 * per-host rates above are low by the same share and the document says so.
 */
function offeredWarning(c: PerHostCosts): string[] {
  const designed = 60 / c.source.distributedIntervalSec + 1;
  const share = c.ingest.requestsPerHostPerMin / designed;
  if (share >= 0.9) return [];
  return [`- **This run did not offer the designed load**: ${c.ingest.requestsPerHostPerMin} requests per host per minute against at least ${round(designed, 1)} (${Math.round(share * 100)} %), because the machine was too busy for the simulator (1-minute load average ${c.source.loadAvg1mAtEnd} on ${c.source.machine['cpus'] as number} cores). Per-host rates (CPU, statements, commands, bytes) are low by about that share and CPU per request is inflated by the contention; the tiers below are computed from them as measured. Run the benchmark on a quiet machine and this script again.`];
}

function markdown(c: PerHostCosts, sizes: readonly TierSizing[], costsFile: string): string {
  const fact = (k: string): string => { const v = c.source.machine[k]; return typeof v === 'string' || typeof v === 'number' ? String(v) : ''; };
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const lines = [
    '# Reference architectures',
    '',
    `Generated by \`bench/costs/reference-architectures.ts\` from \`${costsFile}\` (do not edit by hand: run the script again after a new`,
    'load benchmark). Each tier is sized from per-host costs measured in the benchmark\'s steady state, times the headroom stated',
    'below, so the numbers move when the measured costs move. Helm values for each tier: `charts/fleet/values-<tier>.yaml`.',
    '',
    '## Measured per-host costs',
    '',
    `Measured by \`${c.source.command}\` on ${fact('date')} (${fact('cpus')} × ${fact('cpuModel')}, Node ${fact('node')}),`,
    `${c.source.hosts.toLocaleString('en-US')} simulated hosts checking in every ${c.source.distributedIntervalSec} s, a ${c.source.windowSec} s window; 1-minute load average at its end ${c.source.loadAvg1mAtEnd}`,
    '(the machine is shared with other work: CPU times are the processes\' own, MySQL and Redis counts are the server\'s own, see caveats).',
    '',
    '| cost | per host |',
    '|---|---|',
    `| ingest CPU (one process, all roles, agents only) | ${c.ingest.serverCpuMsPerHostPerMin} ms per minute (${c.ingest.cpuMsPerRequest} ms per agent request, ${c.ingest.requestsPerHostPerMin} requests per minute) |`,
    `| MySQL statements | ${c.mysql.statementsPerHostPerHour} per hour |`,
    `| MySQL commits | ${c.mysql.commitsPerHostPerHour} per hour |`,
    `| MySQL rows written / read | ${c.mysql.rowsWrittenPerHostPerHour} / ${c.mysql.rowsReadPerHostPerHour} per hour |`,
    `| MySQL CPU (MariaDB's accounting) | ${c.mysql.cpuMsPerHostPerMin} ms per minute |`,
    `| MySQL data | ${(c.mysql.dataBytesPerHost / 1024).toFixed(1)} KiB with the run's ${c.mysql.softwareRowsPerHost} software rows per host; ${(dataBytesPerHost(c) / 1024).toFixed(1)} KiB with ${ASSUMPTIONS.softwarePerHost} (${Math.round(softwareRowBytes(c))} B per software row) |`,
    `| Redis commands | ${c.redis.commandsPerHostPerMin} per minute |`,
    `| Redis memory | ${(c.redis.memoryBytesPerHost / 1024).toFixed(2)} KiB (plus ${c.liveQueryToAll?.redisMemoryBytesPerTargetedHost ?? '–'} bytes per targeted host while a live query runs) |`,
    `| Redis CPU | ${c.redis.cpuMsPerHostPerMin} ms per minute |`,
    `| network, agent ↔ server (bodies) | ${c.network.bytesPerHostPerMin.fromAgents} B/min in, ${c.network.bytesPerHostPerMin.toAgents} B/min out; a check-in is ${c.network.checkinRequestBytes} B in, ${c.network.checkinResponseBytes} B out |`,
    '',
    ...c.source.caveats.map((x) => `- ${x}`),
    ...offeredWarning(c),
    '',
    '## Headroom and assumptions',
    '',
    `- Ingest and api CPU planned at ${ASSUMPTIONS.cpuTargetUtilisation * 100} % of the requests (the rest absorbs a live query to all hosts, enroll and reconnect storms, a lost replica); ingest replicas request ${ASSUMPTIONS.ingestCpuPerReplicaMillicores}m each; at least ${ASSUMPTIONS.minReplicas} replicas per role.`,
    `- Ingest memory: ${ASSUMPTIONS.ingestBaseMemoryMb} MiB plus the in-process host cache (every replica sees every host; measured as RSS above ${ASSUMPTIONS.ingestBaseMemoryMb} MiB per host), × ${ASSUMPTIONS.memoryHeadroom}.`,
    `- api: not measured per request in this run; sized at ${Object.entries(ASSUMPTIONS.adminRequestsPerSec).map(([k, v]) => `${v} admin requests/s at ${k}`).join(', ')}, at most ${ASSUMPTIONS.apiCpuMsPerRequest} ms of CPU each (the host list page's p50 latency in bench/results/admin-api.json, an upper bound). live-query: fixed (it supervises campaigns and runs the schedules; its cost does not grow with hosts at rest).`,
    `- MySQL CPU planned at ${ASSUMPTIONS.mysqlCpuTargetUtilisation * 100} % of its vCPUs, and at least one vCPU per ${ASSUMPTIONS.statementsPerSecPerVcpu} statements/s (MariaDB's per-user CPU time leaves out its I/O and purge threads); data planned with ${ASSUMPTIONS.softwarePerHost} software items per host; buffer pool = data × ${ASSUMPTIONS.mysqlDataHeadroom}, ${ASSUMPTIONS.mysqlBufferPoolShare * 100} % of memory; write IOPS = commits/s × ${ASSUMPTIONS.iopsPerCommit} + rows written/s ÷ ${ASSUMPTIONS.rowsPerWriteIo}; a read replica (mysql_read_replica.*) for admin reads from ${ASSUMPTIONS.readReplicaFromHosts.toLocaleString('en-US')} hosts.`,
    `- Redis memory × ${ASSUMPTIONS.redisMemoryHeadroom} plus one live query to all hosts; ${ASSUMPTIONS.redisOpsPerCorePlanned.toLocaleString('en-US')} ops/s planned per Redis core, a cluster past one core.`,
    '',
    '## Tiers',
    '',
    '| | ' + sizes.map((s) => `${s.hosts.toLocaleString('en-US')} hosts`).join(' | ') + ' |',
    '|---|' + sizes.map(() => '---').join('|') + '|',
    `| ingest CPU needed (cores) | ${sizes.map((s) => s.ingest.cores).join(' | ')} |`,
    `| ingest replicas × request | ${sizes.map((s) => `${s.ingest.replicas} × ${s.ingest.cpuMillicores}m / ${s.ingest.memoryMi} Mi`).join(' | ')} |`,
    `| api replicas × request | ${sizes.map((s) => `${s.api.replicas} × ${s.api.cpuMillicores}m / ${s.api.memoryMi} Mi (${s.api.adminRequestsPerSec} req/s)`).join(' | ')} |`,
    `| live-query replicas × request | ${sizes.map((s) => `${s.liveQuery.replicas} × ${s.liveQuery.cpuMillicores}m / ${s.liveQuery.memoryMi} Mi`).join(' | ')} |`,
    `| MySQL load (statements / commits / rows written per s) | ${sizes.map((s) => `${s.mysql.statementsPerSec} / ${s.mysql.commitsPerSec} / ${s.mysql.rowsWrittenPerSec}`).join(' | ')} |`,
    `| MySQL CPU needed (cores) → vCPU | ${sizes.map((s) => `${s.mysql.cores} → ${s.mysql.vcpu}`).join(' | ')} |`,
    `| MySQL data → memory | ${sizes.map((s) => `${s.mysql.dataGib} GiB → ${s.mysql.memoryGib} GiB`).join(' | ')} |`,
    `| MySQL write IOPS | ${sizes.map((s) => s.mysql.writeIops).join(' | ')} |`,
    `| MySQL read replica | ${sizes.map((s) => yes(s.mysql.readReplica)).join(' | ')} |`,
    `| Redis ops/s | ${sizes.map((s) => s.redis.opsPerSec).join(' | ')} |`,
    `| Redis memory | ${sizes.map((s) => `${s.redis.memoryGib} GiB`).join(' | ')} |`,
    `| Redis cluster | ${sizes.map((s) => yes(s.redis.cluster)).join(' | ')} |`,
    `| agent traffic (bodies) | ${sizes.map((s) => `${s.network.agentMbitPerSec} Mbit/s`).join(' | ')} |`,
    `| Helm values | ${sizes.map((s) => `[values-${s.tier}.yaml](../charts/fleet/values-${s.tier}.yaml)`).join(' | ')} |`,
    '',
    '## Fleet\'s published breakpoints for the same tiers (AWS)',
    '',
    'From Fleet\'s "Reference architectures" page ("Example configuration breakpoints"); Fleet publishes the pass/fail sizes, not the costs behind them.',
    '',
    '| | ' + sizes.map((s) => `${s.hosts.toLocaleString('en-US')} hosts`).join(' | ') + ' |',
    '|---|' + sizes.map(() => '---').join('|') + '|',
    `| Fleet servers | ${sizes.map((s) => FLEET_TABLE[s.tier]?.fleet ?? '').join(' | ')} |`,
    `| Redis | ${sizes.map((s) => FLEET_TABLE[s.tier]?.redis ?? '').join(' | ')} |`,
    `| MySQL (Aurora) | ${sizes.map((s) => FLEET_TABLE[s.tier]?.mysql ?? '').join(' | ')} |`,
    '',
  ];
  return lines.join('\n');
}

function main(): void {
  const i = process.argv.indexOf('--costs');
  const costsPath = i >= 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : newestCosts(path.join(ROOT, 'bench', 'results'));
  const costs = JSON.parse(readFileSync(costsPath, 'utf8')) as PerHostCosts;
  const rel = path.relative(ROOT, costsPath);
  const sizes = TIERS.map((t) => sizeTier(costs, t));
  writeFileSync(path.join(ROOT, 'docs', 'reference-architectures.md'), markdown(costs, sizes, rel));
  for (const s of sizes) writeFileSync(path.join(ROOT, 'charts', 'fleet', `values-${s.tier}.yaml`), tierValues(s, rel));
  process.stdout.write(`${JSON.stringify(sizes, null, 1)}\n`);
}

if (require.main === module) main();
