import { z } from 'zod';

/** A query-string value as Fastify parses it: a string, or an array when the key repeats (last wins). */
const raw = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[v.length - 1] : v));

const LIST_SHAPE = { page: raw, per_page: raw, order_key: raw, order_direction: raw, query: raw, after: raw };
type ListShapeOutput = { [K in keyof typeof LIST_SHAPE]: z.output<(typeof LIST_SHAPE)[K]> };

/** The parsed list options of a list request; adds an issue and returns NEVER on a bad value. */
function listOptionsOf(q: ListShapeOutput, ctx: z.RefinementCtx) {
  const fail = (reason: string): never => {
    ctx.addIssue({ code: 'custom', message: reason, path: [] });
    return z.NEVER;
  };
  let page = 0;
  let perPage = 0;
  if (q.page !== undefined) {
    if (!/^-?\d+$/.test(q.page)) return fail('non-int page value');
    page = Number(q.page);
    if (page < 0) return fail('negative page value');
    // Fleet parses a uint64; a number past 2^53 would reach SQL rounded or in exponent form (a 500), so it is 400.
    if (!Number.isSafeInteger(page)) return fail('non-int page value');
    perPage = 20;
  }
  if (q.per_page !== undefined) {
    if (!/^-?\d+$/.test(q.per_page)) return fail('non-int per_page value');
    perPage = Number(q.per_page);
    if (perPage <= 0) return fail('invalid per_page value');
    if (!Number.isSafeInteger(perPage)) return fail('non-int per_page value');
  }
  if (!Number.isSafeInteger(page * perPage)) return fail('non-int page value');
  const dir = q.order_direction;
  if (dir !== undefined && dir !== 'asc' && dir !== 'desc') return fail(`unknown order_direction: ${dir}`);
  if (dir !== undefined && !q.order_key) return fail('order_key must be specified with order_direction');
  if (q.after !== undefined && !q.order_key) return fail('order_key must be specified with after');
  const query = q.query?.trim();
  const orderDirection: 'asc' | 'desc' = dir === 'desc' ? 'desc' : 'asc';
  return {
    page, perPage, orderDirection,
    ...(q.order_key ? { orderKey: q.order_key } : {}),
    ...(query ? { query } : {}),
  };
}

/**
 * Fleet's pagination and ordering parameters with its exact messages (transport.go): `page` is 0-based;
 * with neither page nor per_page every row is returned; page without per_page means 20 per page.
 */
export const listQuerySchema = z.object(LIST_SHAPE).transform((q, ctx) => listOptionsOf(q, ctx));

/** The list parameters plus a route's own query parameters (`team_id`, filters), parsed together. */
export function listQueryWith<S extends z.ZodRawShape>(extra: S) {
  return z.object({ ...LIST_SHAPE, ...extra }).transform((q, ctx) => {
    const own = Object.fromEntries(Object.keys(extra).map((k) => [k, (q as Record<string, unknown>)[k]])) as { [K in keyof S]: z.output<S[K]> };
    return { ...own, ...listOptionsOf(q as unknown as ListShapeOutput, ctx) };
  });
}

export type ListQuery = z.output<typeof listQuerySchema>;

/** `meta` of the newer list endpoints. */
export const listMetaSchema = z.object({ has_next_results: z.boolean(), has_previous_results: z.boolean() });

/**
 * An optional integer carried in a query string or JSON body. One past 2^53 is refused like any other bad value:
 * as a JavaScript number it would reach SQL rounded or in exponent form (a 500).
 */
export const optionalIntParam = raw.transform((v, ctx) => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    ctx.addIssue({ code: 'custom', message: `invalid value: ${v}` });
    return z.NEVER;
  }
  return Number(v);
});

export const idParamSchema = z.object({ id: z.string().regex(/^\d+$/, 'must be a positive integer').transform(Number) });

export const okResponseSchema = z.object({}).strict();
export const errorBodySchema = z.object({
  message: z.string(),
  errors: z.array(z.object({ name: z.string(), reason: z.string() })),
  uuid: z.string().optional(),
  code: z.number().optional(),
});
