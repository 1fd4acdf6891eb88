/**
 * Descriptors of configuration options. Each option has a dotted key (`mysql.address`) from which the flag
 * (`--mysql_address`), the environment variable (`FLEET_MYSQL_ADDRESS`) and the YAML path (`mysql: {address}`)
 * are derived, exactly as Fleet names them.
 */
export type OptionKind = 'string' | 'bool' | 'int' | 'duration' | 'bytes' | 'enum' | 'structured';

interface BaseOption<K extends OptionKind, T> {
  readonly kind: K;
  readonly default: T;
  readonly help: string;
  /** Secrets are redacted by `config_dump` and never logged. */
  readonly secret?: boolean;
  readonly min?: number;
  readonly max?: number;
}

export type StringOption = BaseOption<'string', string>;
export type BoolOption = BaseOption<'bool', boolean>;
export type IntOption = BaseOption<'int', number>;
/** Durations are held in milliseconds; written like Go durations (`30s`, `1h30m`, `250ms`). */
export type DurationOption = BaseOption<'duration', number>;
/** Byte sizes are held in bytes; written as `10MiB`, `500KB`, `1G` or a plain number. */
export type BytesOption = BaseOption<'bytes', number>;
export interface EnumOption<V extends string = string> extends BaseOption<'enum', V> {
  readonly values: readonly V[];
}

/**
 * A value with structure (a list of named log destinations): a YAML mapping or list in the config file, JSON
 * text in a flag or a FLEET_* variable. `parse` validates it and gives the typed value or the reason it is
 * wrong; `redact` hides its secrets in `config_dump`.
 */
export interface StructuredOption<T = unknown> extends BaseOption<'structured', T> {
  readonly parse: (value: unknown) => { ok: true; value: T } | { ok: false; reason: string };
  /** Method syntax on purpose: a descriptor of any T is then an AnyOption. */
  redact(value: T): unknown;
}

export type AnyOption = StringOption | BoolOption | IntOption | DurationOption | BytesOption | EnumOption | StructuredOption;

export interface OptionTree {
  readonly [name: string]: AnyOption | OptionTree;
}

/** The typed value tree that a tree of descriptors produces. */
export type ValuesOf<T> = {
  readonly [K in keyof T]: T[K] extends EnumOption<infer V>
    ? V
    : T[K] extends BaseOption<OptionKind, infer X>
      ? X
      : ValuesOf<T[K]>;
};

export function isOption(node: AnyOption | OptionTree): node is AnyOption {
  return typeof (node as AnyOption).kind === 'string' && 'default' in node;
}

export const str = (def: string, help: string, extra: Partial<StringOption> = {}): StringOption => ({ kind: 'string', default: def, help, ...extra });
export const secret = (help: string): StringOption => ({ kind: 'string', default: '', help, secret: true });
export const bool = (def: boolean, help: string): BoolOption => ({ kind: 'bool', default: def, help });
export const int = (def: number, help: string, min = 0, max = Number.MAX_SAFE_INTEGER): IntOption => ({ kind: 'int', default: def, help, min, max });
export const duration = (def: string, help: string): DurationOption => ({ kind: 'duration', default: parseDurationOrThrow(def), help });
export const bytes = (def: number, help: string): BytesOption => ({ kind: 'bytes', default: def, help });
export const structured = <T>(def: T, help: string, parse: StructuredOption<T>['parse'], redact: StructuredOption<T>['redact']): StructuredOption<T> =>
  ({ kind: 'structured', default: def, help, parse, redact });
export const oneOf = <V extends string>(values: readonly V[], def: V, help: string): EnumOption<V> => ({ kind: 'enum', values, default: def, help });

function parseDurationOrThrow(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`bad default duration ${text}`);
  return ms;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go-style duration (`1h30m`, `45s`, `0`); a bare number is read as seconds. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2]]);
    pos = re.lastIndex;
  }
  return pos === 0 ? undefined : Math.round(total);
}

const BYTE_UNITS: Record<string, number> = {
  '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3,
};

/** Parses a byte size such as `10MiB`, `500KB`, `1G` or `1048576`. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = BYTE_UNITS[(m[2]).toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}
