const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400], ['month', 30 * 86_400], ['week', 7 * 86_400], ['day', 86_400], ['hour', 3600], ['minute', 60], ['second', 1],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "3 minutes ago" / "in 2 hours" for `date` as seen at `now`. */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
  return relative.format(Math.round(seconds / size), unit);
}

/**
 * A time shown relative to now, with the absolute local time on hover (the `title`, the browser's own tooltip:
 * no popover library on every page) and in the `<time>` element's datetime. Fleet's zero time (0001-01-01) and
 * empty values read "Never".
 */
export function RelativeTime({ value }: { value: string | null | undefined }) {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970) return <span>Never</span>;
  return <time dateTime={date.toISOString()} title={absolute.format(date)}>{formatRelative(date)}</time>;
}
