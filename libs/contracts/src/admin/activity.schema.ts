import { z } from 'zod';
import { listMetaSchema, listQueryWith } from './list-query.schema';

/**
 * An audit-log entry (fleet-admin-api.md §1.13). The actor fields are absent when they have no value, as Fleet
 * omits them: all of them when Fleet initiated the entry, the id and gravatar when the author was deleted since.
 */
export const activitySchema = z.object({
  created_at: z.string(), id: z.number(), actor_full_name: z.string().optional(), actor_id: z.number().optional(),
  actor_gravatar: z.string().optional(), actor_email: z.string().optional(), type: z.string(), fleet_initiated: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
export const activitiesResponseSchema = z.object({ activities: z.array(activitySchema), meta: listMetaSchema });

/** A query-string value as Fastify parses it (the last one when repeated). */
const raw = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[v.length - 1] : v));

/** A date (`2026-12-01`) or an RFC 3339 time; a date alone is midnight UTC. Anything else is a 400. */
const timeParam = (name: string) => raw.transform((v, ctx) => {
  if (v === undefined || v === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) ? new Date(/T/.test(v) ? v : `${v}T00:00:00Z`) : null;
  if (!t || Number.isNaN(t.getTime())) {
    ctx.addIssue({ code: 'custom', message: `invalid ${name}: ${v}` });
    return z.NEVER;
  }
  return t;
});

/**
 * GET /activities: Fleet's paging plus its filters (4.6x+): `query` matches the actor's name or email,
 * `activity_type` one type, `start_created_at` and `end_created_at` bound the time (both inclusive).
 */
export const activityListQuerySchema = listQueryWith({
  activity_type: raw, start_created_at: timeParam('start_created_at'), end_created_at: timeParam('end_created_at'),
});
