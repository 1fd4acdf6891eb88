import os from 'node:os';

/**
 * An admin using the software and vulnerability pages while the schedule runs: one request at a time with a
 * short think time, cycling through the endpoints, each answer's latency recorded under the current phase.
 * Lists that must never be empty once the first run produced them (results are swapped in, never cleared
 * first) are checked on every answer of the phases that say so. The machine's 1-minute load average is sampled
 * every 5 s under the current phase too (this machine is shared: the latencies mean little without it).
 */
export interface ProbeEndpoint {
  readonly name: string;
  readonly url: (i: number) => string;
  /** For lists that must not be empty once populated: how many entries the answer has. */
  readonly entries?: (body: unknown) => number;
  /** Statuses that are answers (default 200 only), e.g. 404 for a CVE before the first run found it. */
  readonly accept?: readonly number[];
}

export interface PhaseFigures {
  readonly requests: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly errors: number;
  readonly empty_answers: number;
  /** The 1-minute load average sampled every 5 s during the phase. */
  readonly load_avg_1m: { readonly min: number; readonly mean: number; readonly max: number; readonly samples: number };
  readonly per_endpoint: Record<string, { requests: number; p50_ms: number; p95_ms: number; max_ms: number }>;
}

const pct = (sorted: readonly number[], p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1));

export class ApiProbe {
  private phase = 'idle';
  private checkEmpty = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private loadTimer: NodeJS.Timeout | null = null;
  private readonly loads = new Map<string, number[]>();
  private readonly samples = new Map<string, Map<string, number[]>>();
  private readonly errors = new Map<string, number>();
  private readonly empties = new Map<string, number>();
  readonly errorSamples: string[] = [];

  constructor(private readonly endpoints: readonly ProbeEndpoint[], private readonly token: string, private readonly thinkMs = 50) {}

  start(phase: string, checkEmpty = false): void {
    this.phase = phase;
    this.checkEmpty = checkEmpty;
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    const sample = (): void => {
      const list = this.loads.get(this.phase) ?? [];
      list.push(os.loadavg()[0] ?? 0);
      this.loads.set(this.phase, list);
    };
    sample();
    this.loadTimer = setInterval(sample, 5000);
  }

  /** Switches phase without stopping. */
  setPhase(phase: string, checkEmpty = false): void {
    this.phase = phase;
    this.checkEmpty = checkEmpty;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.loadTimer) clearInterval(this.loadTimer);
    await this.loop;
  }

  /** Requests of `phase` so far. */
  count(phase: string): number {
    let n = 0;
    for (const t of this.samples.get(phase)?.values() ?? []) n += t.length;
    return n;
  }

  figures(phase: string): PhaseFigures {
    const all: number[] = [];
    const per: PhaseFigures['per_endpoint'] = {};
    for (const [name, times] of this.samples.get(phase) ?? []) {
      const sorted = [...times].sort((a, b) => a - b);
      for (const t of sorted) all.push(t);
      per[name] = { requests: sorted.length, p50_ms: pct(sorted, 50), p95_ms: pct(sorted, 95), max_ms: pct(sorted, 100) };
    }
    all.sort((a, b) => a - b);
    const loads = this.loads.get(phase) ?? [];
    const round = (x: number): number => Number(x.toFixed(2));
    return {
      requests: all.length, p50_ms: pct(all, 50), p95_ms: pct(all, 95), p99_ms: pct(all, 99), max_ms: pct(all, 100),
      errors: this.errors.get(phase) ?? 0, empty_answers: this.empties.get(phase) ?? 0,
      load_avg_1m: { min: round(loads.length ? Math.min(...loads) : 0), mean: round(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)),
        max: round(loads.length ? Math.max(...loads) : 0), samples: loads.length },
      per_endpoint: per,
    };
  }

  private async run(): Promise<void> {
    for (let i = 0; this.running; i++) {
      const e = this.endpoints[i % this.endpoints.length];
      const phase = this.phase;
      const checkEmpty = this.checkEmpty;
      const t0 = performance.now();
      try {
        const res = await fetch(e.url(Math.floor(i / this.endpoints.length)), { headers: { authorization: `Bearer ${this.token}` } });
        const text = await res.text();
        const ms = performance.now() - t0;
        if (!(e.accept ?? [200]).includes(res.status)) {
          this.errors.set(phase, (this.errors.get(phase) ?? 0) + 1);
          if (this.errorSamples.length < 20) this.errorSamples.push(`${phase} ${e.name}: ${res.status} ${text.slice(0, 200)}`);
        } else {
          const byName = this.samples.get(phase) ?? new Map<string, number[]>();
          this.samples.set(phase, byName);
          const list = byName.get(e.name) ?? [];
          list.push(ms);
          byName.set(e.name, list);
          if (checkEmpty && e.entries && res.status === 200 && e.entries(JSON.parse(text)) === 0) this.empties.set(phase, (this.empties.get(phase) ?? 0) + 1);
        }
      } catch (err) {
        this.errors.set(phase, (this.errors.get(phase) ?? 0) + 1);
        if (this.errorSamples.length < 20) this.errorSamples.push(`${phase} ${e.name}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, this.thinkMs));
    }
  }
}
