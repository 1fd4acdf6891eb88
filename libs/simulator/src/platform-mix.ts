import { SIM_PLATFORMS, type SimPlatform } from './host-platform';
import { SeededRandom } from './seeded-random';

export type PlatformMix = Partial<Record<SimPlatform, number>>;

/** Parses `ubuntu=50,macos=30,windows=20` (weights need not sum to 100). */
export function parsePlatformMix(text: string): PlatformMix {
  const mix: PlatformMix = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, weight] = part.split('=').map((s) => s.trim());
    if (!SIM_PLATFORMS.includes(name as SimPlatform)) throw new Error(`unknown platform "${name ?? ''}" (expected ${SIM_PLATFORMS.join(', ')})`);
    const w = Number(weight);
    if (!Number.isFinite(w) || w < 0) throw new Error(`invalid weight for ${name ?? ''}: ${weight ?? ''}`);
    mix[name as SimPlatform] = w;
  }
  if (Object.values(mix).every((w) => !w)) throw new Error('platform mix needs at least one positive weight');
  return mix;
}

/**
 * Assigns a platform to each of `count` hosts: exact counts by largest remainder, then a seeded shuffle so
 * platforms are interleaved (a ramp enrolls a mix, not all Ubuntu first). Deterministic for (mix, count, seed).
 */
export function assignPlatforms(mix: PlatformMix, count: number, seed: number): SimPlatform[] {
  const entries = SIM_PLATFORMS.map((p) => [p, mix[p] ?? 0] as const).filter(([, w]) => w > 0);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const exact = entries.map(([p, w]) => ({ p, n: (count * w) / total }));
  const counts = exact.map((e) => ({ p: e.p, n: Math.floor(e.n), rem: e.n - Math.floor(e.n) }));
  let missing = count - counts.reduce((s, c) => s + c.n, 0);
  for (const c of [...counts].sort((a, b) => b.rem - a.rem)) {
    if (missing-- <= 0) break;
    c.n++;
  }
  const out: SimPlatform[] = counts.flatMap((c) => Array<SimPlatform>(c.n).fill(c.p));
  const rng = SeededRandom.derive(seed, 'platform-mix');
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
