import { drawText, GLYPH_H, textWidth } from './bitmap-font';
import { encodePng } from './png-encoder';

export interface Series { readonly name: string; readonly points: ReadonlyArray<readonly [number, number]> }
export interface ChartSpec { readonly title: string; readonly xLabel: string; readonly yLabel: string; readonly series: readonly Series[] }

type Rgb = readonly [number, number, number];
const PALETTE: readonly Rgb[] = [[31, 119, 180], [214, 39, 40], [44, 160, 44], [255, 127, 14], [148, 103, 189], [140, 86, 75]];
const W = 800;
const H = 480;
const M = { left: 80, right: 180, top: 40, bottom: 60 };

class Canvas {
  readonly px = new Uint8Array(W * H * 4).fill(255);
  dot(x: number, y: number, [r, g, b]: Rgb): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= W || yi >= H) return;
    const i = (yi * W + xi) * 4;
    this.px[i] = r;
    this.px[i + 1] = g;
    this.px[i + 2] = b;
    this.px[i + 3] = 255;
  }
  /** Straight line sampled every half pixel, `width` pixels thick. */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, width = 1): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let d = 0; d < width; d++) for (let e = 0; e < width; e++) this.dot(x + d, y + e, c);
    }
  }
  text(t: string, x: number, y: number, c: Rgb, scale = 1): void {
    drawText(t, x, y, scale, (px, py) => this.dot(px, py, c));
  }
}

/** A "nice" axis maximum (1, 2 or 5 times a power of ten) at or above `v`. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}K` : String(Math.round(v * 10) / 10));

/** A line chart with axes, 5 ticks per axis, markers at each point and a legend on the right. */
export function renderLineChart(spec: ChartSpec): Buffer {
  const c = new Canvas();
  const pts = spec.series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const xMin = Math.min(0, ...xs);
  const xMax = niceMax(Math.max(1, ...xs));
  const yMax = niceMax(Math.max(1, ...pts.map((p) => p[1])));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const X = (v: number): number => M.left + ((v - xMin) / (xMax - xMin)) * pw;
  const Y = (v: number): number => M.top + ph - (v / yMax) * ph;
  const ink: Rgb = [40, 40, 40];
  const grid: Rgb = [225, 225, 225];
  for (let i = 0; i <= 5; i++) {
    const yv = (yMax * i) / 5;
    const xv = xMin + ((xMax - xMin) * i) / 5;
    c.line(M.left, Y(yv), M.left + pw, Y(yv), grid);
    c.line(X(xv), M.top, X(xv), M.top + ph, grid);
    c.text(fmt(yv), M.left - 8 - textWidth(fmt(yv), 1), Y(yv) - 3, ink);
    c.text(fmt(xv), X(xv) - textWidth(fmt(xv), 1) / 2, M.top + ph + 8, ink);
  }
  c.line(M.left, M.top, M.left, M.top + ph, ink, 2);
  c.line(M.left, M.top + ph, M.left + pw, M.top + ph, ink, 2);
  c.text(spec.title, (W - textWidth(spec.title, 2)) / 2, 12, ink, 2);
  c.text(spec.xLabel, M.left + (pw - textWidth(spec.xLabel, 1)) / 2, H - 24, ink);
  // The y label sits above the axis: the bitmap font has no rotated glyphs.
  c.text(spec.yLabel, 8, M.top - 14, ink);
  spec.series.forEach((s, i) => {
    const col = PALETTE[i % PALETTE.length] ?? ink;
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([x, y], k) => {
      const prev = sorted[k - 1];
      if (prev) c.line(X(prev[0]), Y(prev[1]), X(x), Y(y), col, 2);
      for (let d = -3; d <= 3; d++) for (let e = -3; e <= 3; e++) c.dot(X(x) + d, Y(y) + e, col);
    });
    const ly = M.top + 10 + i * (GLYPH_H + 10);
    c.line(W - M.right + 12, ly + 3, W - M.right + 32, ly + 3, col, 3);
    c.text(s.name, W - M.right + 38, ly, ink);
  });
  return encodePng(W, H, c.px);
}
