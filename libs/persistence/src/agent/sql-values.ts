/** 'YYYY-MM-DD HH:MM:SS' (UTC) of recent whole seconds: a seen-time flush formats thousands of times within a few seconds. */
const secondsText = new Map<number, string>();
const SECONDS_KEPT = 64;

/** MySQL DATETIME text in UTC with milliseconds, from epoch milliseconds. */
export function sqlTime(ms: number): string {
  if (!Number.isSafeInteger(ms)) return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  const second = Math.floor(ms / 1000);
  let text = secondsText.get(second);
  if (text === undefined) {
    if (secondsText.size >= SECONDS_KEPT) secondsText.clear();
    text = new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
    secondsText.set(second, text);
  }
  const milli = ms - second * 1000;
  return `${text}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}`;
}

/** Epoch milliseconds from what mysql2 returns for a TIMESTAMP column (a Date, with timezone 'Z'). */
export function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(`${value.replace(' ', 'T')}Z`);
  return 0;
}

/** A text column's value as a string ('' for NULL); mysql2 returns strings, Buffers for binary columns. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return '';
}
