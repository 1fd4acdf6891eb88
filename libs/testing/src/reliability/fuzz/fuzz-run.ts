import fc from 'fast-check';
import { RedisServerProcess } from '../../integration/redis-server';
import { createDatabase, freePort, logPath, startServer } from '../fleet-stack';
import { ServerMonitor } from '../server-monitor';
import type { MonitorSummary } from '../server-monitor';
import { adminGetRoutes, adminRequest } from './admin-requests';
import { AGENT_ROUTES, agentRequest } from './agent-requests';
import { makeFixtures } from './fuzz-fixtures';
import { describeRequest } from './fuzz-request';
import type { FuzzRequest } from './fuzz-request';
import { FuzzTarget } from './fuzz-target';
import type { FuzzAnswer } from './fuzz-target';

export interface FuzzOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  /** Generated requests in total (shrinking replays come on top). */
  readonly requests: number;
  readonly seed: number;
  /** Properties run at once (each one sequentially). */
  readonly concurrency: number;
  /** Every response within this bound (the invariant). */
  readonly maxLatencyMs: number;
  /** Share of the budget for the agent routes; the rest goes to the admin API's GET routes. */
  readonly agentShare: number;
  readonly log: (line: string) => void;
}

/**
 * 5xx answers a healthy server is allowed to give, with the reason; anything else with a 5xx is a bug. None are
 * declared today: agent routes answer dependency failures with an `error` body, and every admin GET answers
 * 4xx for what it cannot serve.
 */
export const DECLARED_5XX: ReadonlyArray<{ readonly route: RegExp; readonly status: number; readonly why: string }> = [];

export interface Violation {
  readonly target: string;
  readonly kind: 'undeclared 5xx' | 'slower than bound' | 'no answer';
  readonly signature: string;
  /** Shrunk by fast-check when this violation failed the property; the first one seen otherwise. */
  readonly counterexample: Record<string, unknown>;
  readonly answer: FuzzAnswer;
  readonly shrunk: boolean;
  readonly occurrences: number;
  readonly replay?: { readonly seed: number; readonly path: string };
}

export interface FuzzReport {
  readonly options: Omit<FuzzOptions, 'log' | 'fleetMain'>;
  readonly requests: { readonly total: number; readonly generated: number; readonly byTarget: Record<string, { count: number; statuses: Record<string, number>; latencyMs: unknown }> };
  readonly violations: Violation[];
  /**
   * Answers over the bound that were within it when sent again alone: slow because of what ran alongside (the
   * requests in flight at the time are sampled), not by themselves.
   */
  readonly slowUnderLoad: { readonly count: number; readonly maxMs: number; readonly samples: ReadonlyArray<{ readonly request: string; readonly ms: number; readonly aloneMs: number; readonly alongside: readonly string[] }> };
  readonly monitor: MonitorSummary;
  readonly durationSec: number;
  readonly adminRoutes: number;
}

interface Job {
  readonly target: string;
  readonly arb: fc.Arbitrary<FuzzRequest>;
  readonly runs: number;
  readonly declared: (status: number) => boolean;
}

function checkAnswer(a: FuzzAnswer, declared: (s: number) => boolean, bound: number): Violation['kind'] | undefined {
  if (a.status === 0) return 'no answer';
  if (a.status >= 500 && !declared(a.status)) return 'undeclared 5xx';
  if (a.ms > bound) return 'slower than bound';
  return undefined;
}

/**
 * Property-based fuzzing of a running `fleet serve` (all roles, own database and private Redis): every agent route
 * and every GET route of the admin API, with the invariants no undeclared 5xx, an answer to every request within
 * `maxLatencyMs`, a healthy server throughout (/healthz every second) and bounded memory (RSS sampled). A
 * violation fails its property, fast-check shrinks the request, and the run goes on with that signature
 * counted, so one run reports every distinct problem with a minimal example of each.
 */
export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const redis = new RedisServerProcess();
  await redis.start();
  const db = await createDatabase(o.fleetMain, 'fuzz', redis.address);
  const listen = `127.0.0.1:${await freePort()}`;
  const server = await startServer({ fleetMain: o.fleetMain, flags: {}, env: db.env, listen, logFile: logPath(o.runDir, 'fuzz-server') }).catch(async (err: unknown) => {
    await db.drop();
    await redis.stop();
    throw err;
  });
  const target = new FuzzTarget(server.url, o.concurrency * 2);
  const monitor = new ServerMonitor(server);
  const violations = new Map<string, Violation>();
  const slow: SlowLog = { count: 0, maxMs: 0, samples: [] };
  let generated = 0;
  let adminRoutes = 0;
  let summary: MonitorSummary;
  try {
    const fixtures = await makeFixtures(server.url);
    const agentRuns = Math.ceil((o.requests * o.agentShare) / AGENT_ROUTES.length);
    const admin = adminGetRoutes();
    adminRoutes = admin.length;
    const adminRuns = Math.max(1, Math.ceil((o.requests * (1 - o.agentShare)) / Math.max(1, admin.length)));
    const declaredFor = (path: string) => (s: number) => DECLARED_5XX.some((d) => d.status === s && d.route.test(path));
    const jobs: Job[] = [
      ...AGENT_ROUTES.map((r) => ({ target: `agent ${r}`, arb: agentRequest(r, fixtures.agent), runs: agentRuns, declared: declaredFor(`/osquery/${r}`) })),
      ...admin.map((r) => ({ target: `admin GET ${r.route.path} (${r.id})`, arb: adminRequest(r, fixtures.admin), runs: adminRuns, declared: declaredFor(r.route.path) })),
    ];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let j = jobs[next++]; j !== undefined; j = jobs[next++]) {
        const made = await fuzzOne(j, target, o, violations, next, slow);
        generated += made;
        o.log(`[fuzz] ${j.target}: done (${target.requests} requests so far, ${violations.size} distinct violations)`);
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    summary = monitor.stop();
    await target.close().catch(() => undefined);
    await server.stop();
    await db.drop();
    await redis.stop();
  }
  const byTarget: FuzzReport['requests']['byTarget'] = {};
  for (const [label, statuses] of target.statuses) {
    byTarget[label] = {
      count: [...statuses.values()].reduce((a, b) => a + b, 0),
      statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n])),
      latencyMs: target.latency.get(label)?.summary(),
    };
  }
  const { log: _log, fleetMain: _main, ...options } = o;
  return {
    options, requests: { total: target.requests, generated, byTarget }, violations: [...violations.values()], slowUnderLoad: { count: slow.count, maxMs: Math.round(slow.maxMs), samples: slow.samples }, monitor: summary,
    durationSec: Math.round((Date.now() - started) / 1000), adminRoutes,
  };
}

/** Runs one property until its budget is spent; returns the number of generated requests it made. */
interface SlowLog {
  count: number;
  maxMs: number;
  samples: Array<{ request: string; ms: number; aloneMs: number; alongside: string[] }>;
}

async function fuzzOne(job: Job, target: FuzzTarget, o: FuzzOptions, violations: Map<string, Violation>, salt: number, slow: SlowLog): Promise<number> {
  const answers = new WeakMap<FuzzRequest, FuzzAnswer>();
  let remaining = job.runs;
  let made = 0;
  let failures = 0;
  while (remaining > 0 && failures < 5) {
    const signatureOf = new WeakMap<FuzzRequest, string>();
    const property = fc.asyncProperty(job.arb, async (req) => {
      let a = await target.send(job.target, req);
      if (checkAnswer(a, job.declared, o.maxLatencyMs) === 'slower than bound') {
        const alongside = target.concurrent();
        const alone = await target.sendAlone(job.target, req);
        if (alone.ms <= o.maxLatencyMs) {
          slow.count++;
          slow.maxMs = Math.max(slow.maxMs, a.ms);
          if (slow.samples.length < 20) slow.samples.push({ request: `${job.target}: ${req.recipe}`, ms: Math.round(a.ms), aloneMs: Math.round(alone.ms), alongside });
          return true;
        }
        a = alone;
      }
      answers.set(req, a);
      const kind = checkAnswer(a, job.declared, o.maxLatencyMs);
      if (!kind) return true;
      const signature = `${kind} ${a.status} ${job.target}`;
      const seen = violations.get(signature);
      if (seen) {
        violations.set(signature, { ...seen, occurrences: seen.occurrences + 1 });
        return true;
      }
      signatureOf.set(req, signature);
      return false;
    });
    const details = await fc.check(property, { numRuns: remaining, seed: o.seed + salt * 7919 + failures, endOnFailure: false });
    made += details.numRuns;
    remaining -= details.numRuns;
    if (!details.failed || !details.counterexample) break;
    failures++;
    const example = details.counterexample[0];
    const answer = answers.get(example) ?? { status: -1, ms: 0, contentType: '', bodyStart: '' };
    const kind = checkAnswer(answer, job.declared, o.maxLatencyMs) ?? 'undeclared 5xx';
    const signature = signatureOf.get(example) ?? `${kind} ${answer.status} ${job.target}`;
    violations.set(signature, {
      target: job.target, kind, signature, counterexample: describeRequest(example), answer, shrunk: true, occurrences: (violations.get(signature)?.occurrences ?? 0) + 1,
      replay: { seed: details.seed, path: details.counterexample ? details.counterexamplePath ?? '' : '' },
    });
    o.log(`[fuzz] ${signature}: ${JSON.stringify(describeRequest(example, 200))} → ${answer.status} in ${Math.round(answer.ms)} ms ${answer.transportError ?? ""} ${answer.bodyStart.slice(0, 200)}`);
  }
  return made;
}
