import { hostname } from 'node:os';

export interface ProbeResult {
  readonly ok: boolean;
  readonly latency_ms: number;
  readonly error?: string;
}

/** Runs every probe concurrently; a probe that throws is reported, never rethrown. */
export async function runProbes(probes: Readonly<Record<string, () => Promise<unknown>>>): Promise<Record<string, ProbeResult>> {
  const entries = await Promise.all(Object.entries(probes).map(async ([name, probe]): Promise<[string, ProbeResult]> => {
    const started = performance.now();
    try {
      await probe();
      return [name, { ok: true, latency_ms: Math.round(performance.now() - started) }];
    } catch (e) {
      return [name, { ok: false, latency_ms: Math.round(performance.now() - started), error: e instanceof Error ? e.message : String(e) }];
    }
  }));
  return Object.fromEntries(entries);
}

/** Facts about this process for the debug archive: what runs where, for how long, with how much memory. */
export function processFacts(): Record<string, unknown> {
  return {
    pid: process.pid, hostname: hostname(), node_version: process.version, platform: process.platform, arch: process.arch,
    argv: process.argv.slice(2).map((a) => (/password|secret|token|key/i.test(a) ? a.replace(/=.*/, '=********') : a)),
    uptime_seconds: Math.round(process.uptime()), memory: process.memoryUsage(), cpu: process.cpuUsage(), resource: process.resourceUsage(),
  };
}
