import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CpuProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: CpuProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface SelfTime {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly percent: number;
  /** Nearest callers outside node internals (native and node: frames say little on their own), by share of this self time. */
  readonly origins?: readonly string[];
}
export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  /** Share of samples not idle: what the server actually spent CPU on. */
  readonly busyPercent: number;
  readonly topFunctions: readonly SelfTime[];
  /** Self time grouped by package (node_modules/<pkg>), our code (apps/…, libs/…) or node internals. */
  readonly byOwner: readonly SelfTime[];
}

const shortUrl = (url: string): string => url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/');

function ownerOf(url: string): string {
  const u = shortUrl(url);
  const mod = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (mod?.[1]) return mod[1];
  const ours = /dist\/(apps|libs)\/([^/]+)/.exec(u);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (u.startsWith('node:')) return 'node internals';
  return u === '' ? '(native / VM)' : u;
}

/**
 * Self time per function of a V8 .cpuprofile: each sample's time delta is charged to the node it hit.
 * `(idle)` and `(program)` are kept out of the ranking but counted in the total.
 */
export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const origin = (id: number): string => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)?.callFrame;
      if (f?.url && !f.url.startsWith('node:')) return `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    }
    return '(none)';
  };
  const fn = new Map<string, { name: string; where: string; us: number; origins: Map<string, number> }>();
  const owner = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    total += us;
    if (f.functionName === '(idle)') { idle += us; continue; }
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}@${where}`;
    const e = fn.get(key) ?? { name: f.functionName || '(anonymous)', where, us: 0, origins: new Map<string, number>() };
    e.us += us;
    const o0 = origin(id);
    e.origins.set(o0, (e.origins.get(o0) ?? 0) + us);
    fn.set(key, e);
    const o = f.functionName.startsWith('(') ? f.functionName : ownerOf(f.url);
    owner.set(o, (owner.get(o) ?? 0) + us);
  }
  const busy = Math.max(1, total - idle);
  const pct = (us: number): number => Math.round((us / busy) * 1000) / 10;
  return {
    file: path.basename(file),
    totalMs: Math.round(total / 1000),
    busyPercent: Math.round((busy / Math.max(1, total)) * 1000) / 10,
    topFunctions: [...fn.values()].sort((a, b) => b.us - a.us).slice(0, top).map((e) => ({
      name: e.name, where: e.where, selfMs: Math.round(e.us / 1000), percent: pct(e.us),
      origins: [...e.origins.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([o, us]) => `${Math.round((us / e.us) * 100)}% ${o}`),
    })),
    byOwner: [...owner.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([name, us]) => ({ name, where: '', selfMs: Math.round(us / 1000), percent: pct(us) })),
  };
}
