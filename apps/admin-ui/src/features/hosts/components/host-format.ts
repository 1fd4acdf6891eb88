/** How a host is called in the UI: Fleet's display name (computer name, else hostname). */
export const hostName = (h: { display_name: string; hostname: string }): string => h.display_name || h.hostname;

const bytes = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 17179869184 → "16 GiB". */
export function formatBytes(n: number): string {
  if (!n) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${bytes.format(v)} ${units[i]}`;
}

/** Fleet's disk figures are GB (floats): 12.34 → "12.3 GB". */
export function formatGigabytes(gb: number): string {
  return gb ? `${bytes.format(gb)} GB` : '—';
}

/** Fleet's uptime (nanoseconds) → "3 days 4 hours" (the two largest units). */
export function formatUptime(nanoseconds: number): string {
  const seconds = Math.floor(nanoseconds / 1_000_000_000);
  if (!seconds) return '—';
  const parts: Array<[number, string]> = [[Math.floor(seconds / 86400), 'day'], [Math.floor((seconds % 86400) / 3600), 'hour'], [Math.floor((seconds % 3600) / 60), 'minute']];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  return shown.length ? shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ') : 'less than a minute';
}
