import fc from 'fast-check';
import { z } from 'zod';
import * as contracts from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { nastyString } from './fuzz-request';
import type { FuzzRequest } from './fuzz-request';

/** A GET route of the admin API as declared in @fleet/contracts, with what its query string may hold. */
export interface AdminGetRoute {
  /** `<group>.<name>`, e.g. `hostRoutes.list`. */
  readonly id: string;
  readonly route: AnyAdminRoute;
  readonly params: readonly string[];
  /** Query keys with the JSON Schema of the parsed value (type, enum, bounds), for valid-looking values. */
  readonly query: ReadonlyArray<{ readonly key: string; readonly schema: JsonSchema }>;
}

interface JsonSchema {
  readonly type?: string | string[];
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchema;
  readonly properties?: Record<string, JsonSchema>;
}

function toSchema(s: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

/**
 * Every GET route declared in @fleet/contracts (each `*Routes` group the package exports): the admin API serves
 * exactly these declarations, so iterating them covers every query schema and path parameter it validates.
 */
export function adminGetRoutes(): AdminGetRoute[] {
  const out: AdminGetRoute[] = [];
  for (const [group, routes] of Object.entries(contracts)) {
    if (!group.endsWith('Routes') || typeof routes !== 'object' || routes === null) continue;
    for (const [name, route] of Object.entries(routes as Record<string, unknown>)) {
      const r = route as AnyAdminRoute;
      if (typeof r !== 'object' || r === null || r.method !== 'GET' || typeof r.path !== 'string') continue;
      const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
      const input = r.query ? toSchema(r.query as z.ZodType, 'input') : {};
      const output = r.query ? toSchema(r.query as z.ZodType, 'output') : {};
      const keys = Object.keys({ ...input.properties, ...output.properties });
      out.push({ id: `${group}.${name}`, route: r, params, query: keys.map((key) => ({ key, schema: output.properties?.[key] ?? input.properties?.[key] ?? {} })) });
    }
  }
  return out;
}

/** Numbers as a query string carries them, including the forms that once reached SQL badly. */
const numberText = fc.oneof(
  fc.nat(1000).map(String),
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1.5', '1e3', '1e309', '99999999999999999999', '18446744073709551616', '-9223372036854775809', '0x1f', ' 1', '1 ', '+1', '', 'NaN'),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

function validish(schema: JsonSchema): fc.Arbitrary<string> {
  const types = [schema.type ?? schema.anyOf?.map((a) => a.type)].flat().filter((t): t is string => typeof t === 'string');
  const enums = [...(schema.enum ?? []), ...(schema.anyOf ?? []).flatMap((a) => a.enum ?? [])];
  if (enums.length > 0) return fc.constantFrom(...enums.map(String));
  if (types.includes('integer') || types.includes('number')) {
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? 1000;
    return fc.integer({ min: Math.max(-1e9, min), max: Math.min(1e9, max) }).map(String);
  }
  if (types.includes('boolean')) return fc.constantFrom('true', 'false', '1', '0');
  return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a', 'host', 'ubuntu', 'online'));
}

function queryValue(schema: JsonSchema): fc.Arbitrary<string | string[]> {
  return fc.oneof(
    { weight: 5, arbitrary: validish(schema) },
    { weight: 3, arbitrary: numberText },
    { weight: 3, arbitrary: nastyString().map((s) => s.slice(0, 20_000)) },
    { weight: 1, arbitrary: fc.array(validish(schema), { minLength: 2, maxLength: 3 }) },
  );
}

/** Path parameter values: ids that exist, ids that do not, and text that is no id at all. */
const paramValue = (existing: readonly number[]): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: existing.length > 0 ? fc.constantFrom(...existing).map(String) : fc.nat(10).map(String) },
  { weight: 3, arbitrary: numberText },
  { weight: 2, arbitrary: nastyString().map((s) => s.slice(0, 2000)) },
);

export interface AdminFuzzContext {
  readonly token: string;
  /** Ids that exist (hosts, teams, labels…), so some requests reach the handler's lookup. */
  readonly ids: readonly number[];
}

/** Lone UTF-16 surrogates (which no URL can carry) replaced by U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Requests to one GET route: valid-looking and hostile query values for its declared keys, unknown keys, odd path values. */
export function adminRequest(r: AdminGetRoute, ctx: AdminFuzzContext): fc.Arbitrary<FuzzRequest> {
  const query = fc.tuple(
    ...r.query.map((q) => fc.option(queryValue(q.schema), { freq: 2 }).map((v) => [q.key, v] as const)),
  ).map((entries) => entries.filter((e): e is readonly [string, string | string[]] => e[1] !== null));
  const extra = fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })), { freq: 6 });
  const params = fc.tuple(...r.params.map(() => paramValue(ctx.ids)));
  const auth = fc.oneof({ weight: 12, arbitrary: fc.constant(`Bearer ${ctx.token}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer x', `Bearer ${ctx.token}x`) });
  return fc.tuple(query, extra, params, auth).map(([q, x, p, a]): FuzzRequest => {
    const search = new URLSearchParams();
    for (const [k, v] of q) for (const one of [v].flat()) search.append(k, one);
    if (x) search.append(x[0], x[1]);
    let i = 0;
    const base = r.route.absolute ? r.route.path : `/api/latest/fleet${r.route.path}`;
    const path = base.replace(/:(\w+)/g, () => encodeURIComponent(wellFormed(p[i++] ?? '')));
    const qs = search.toString();
    const headers: Record<string, string> = a ? { authorization: a } : {};
    return { method: 'GET', path: qs ? `${path}?${qs}` : path, headers, recipe: `${r.id}${x ? ' + unknown key' : ''}` };
  });
}
