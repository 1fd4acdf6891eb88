/**
 * Deterministic pseudo-random source (mulberry32). The simulator never uses Math.random for host facts so the
 * same (seed, host index) always yields the same host, which makes benchmark runs reproducible.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Derives an independent stream from a base seed and any number of integer or string parts. */
  static derive(seed: number, ...parts: Array<number | string>): SeededRandom {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const part of parts) {
      const text = String(part);
      for (let i = 0; i < text.length; i++) {
        h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0;
        h = (h ^ (h >>> 13)) >>> 0;
      }
      h = Math.imul(h ^ 0x2f, 0xc2b2ae35) >>> 0;
    }
    return new SeededRandom(h);
  }

  /** A copy at the current position: it draws the numbers this one would draw from here on. */
  clone(): SeededRandom {
    const copy = new SeededRandom(0);
    copy.state = this.state;
    return copy;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** k distinct items, order preserved from the source list. */
  sample<T>(items: readonly T[], k: number): T[] {
    const chosen = new Set<number>();
    const want = Math.min(k, items.length);
    while (chosen.size < want) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** RFC 4122 version-4 shaped UUID (lower case). */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Symmetric jitter: value scaled by a factor in [1 - fraction, 1 + fraction]. */
  jitter(value: number, fraction: number): number {
    if (fraction <= 0) return value;
    return value * (1 - fraction + 2 * fraction * this.next());
  }
}
