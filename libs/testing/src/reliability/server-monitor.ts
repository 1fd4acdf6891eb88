import type { FleetServer } from './fleet-stack';

export interface MonitorSummary {
  readonly rssMb: { readonly start: number | null; readonly peak: number | null; readonly end: number | null };
  /** /healthz probes (1 s timeout each): how many, how many failed or timed out, the slowest. */
  readonly health: { readonly probes: number; readonly failed: number; readonly maxMs: number; readonly firstFailure: string | null };
  /** Whether the process exited during the run (a crash). */
  readonly exited: boolean;
  readonly exitDetail: string | null;
}

/**
 * Samples a server while a scenario runs: RSS from /proc every `everyMs`, and /healthz every `everyMs` with a
 * 1 s timeout (a stalled event loop shows up as a slow or failed probe). `stop()` takes the final sample.
 */
export class ServerMonitor {
  private readonly timer: NodeJS.Timeout;
  private start: number | null;
  private peak: number | null;
  private probes = 0;
  private failed = 0;
  private maxMs = 0;
  private firstFailure: string | null = null;
  private probing = false;
  private exitDetail: string | null = null;

  constructor(private readonly server: FleetServer, everyMs = 1000) {
    this.start = server.rssMb() ?? null;
    this.peak = this.start;
    server.child.once('exit', (code, signal) => (this.exitDetail = `exit code ${code} signal ${signal}`));
    this.timer = setInterval(() => {
      this.sampleRss();
      void this.probe();
    }, everyMs);
  }

  private sampleRss(): void {
    const rss = this.server.rssMb();
    if (rss !== undefined && (this.peak === null || rss > this.peak)) this.peak = rss;
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.server.url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    } catch (err) {
      this.failed++;
      this.firstFailure ??= `${new Date().toISOString()} ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.probes++;
      this.maxMs = Math.max(this.maxMs, performance.now() - t0);
      this.probing = false;
    }
  }

  stop(): MonitorSummary {
    clearInterval(this.timer);
    this.sampleRss();
    const end = this.server.rssMb() ?? null;
    return {
      rssMb: { start: this.start, peak: this.peak, end },
      health: { probes: this.probes, failed: this.failed, maxMs: Math.round(this.maxMs), firstFailure: this.firstFailure },
      exited: this.exitDetail !== null, exitDetail: this.exitDetail,
    };
  }
}
