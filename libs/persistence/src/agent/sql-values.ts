/** MySQL DATETIME text in UTC with microseconds, from epoch milliseconds. */
export function sqlTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
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
