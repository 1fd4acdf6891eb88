import { jsonText } from './json-text';

/** Readers for log-line JSON, where osquery may send numbers as numbers or (pre-5.10, or non-numerics) strings. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * What JSON.parse makes of `{…}`: a plain object (zod's records and objects accept exactly these), without an own
 * `__proto__` key (the body parser refuses those).
 */
export function isJsonObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.prototype.hasOwnProperty.call(value, '__proto__');
}

export function stringField(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

/** Accepts a finite number or a string holding an integer or decimal; anything else is undefined. */
export function numberField(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Row values are strings unless `--logger_numerics`; everything is normalised to strings. */
export function toStringRow(value: unknown): Record<string, string> | undefined {
  if (!isJsonObject(value)) return undefined;
  const strings: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) strings[k] = stringifyValue(v);
  return strings;
}

export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return jsonText(value);
}

export function toStringRows(value: unknown): Record<string, string>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(toStringRow).filter((row): row is Record<string, string> => row !== undefined);
}

export function decorationsOf(obj: JsonObject): Record<string, string> {
  return toStringRow(obj['decorations']) ?? {};
}
