import { z } from 'zod';
import { parseDuration, structured } from './option.types';
import type { StructuredOption } from './option.types';

/**
 * `log_routing.destinations`: named log destinations beside the one of `osquery.result_log_plugin` /
 * `status_log_plugin` (which keep Fleet's meaning). Each has a kind, that kind's options under a key named
 * after it (Fleet's option names where Fleet has the kind: `nats: {server, result_subject, ...}`), and the
 * routing rules that pick its lines. The parsed value is plain data; libs/domain decides what a rule matches.
 */

const LOG_TYPES = ['result', 'status', 'live_query'] as const;
export type RoutedLogType = (typeof LOG_TYPES)[number];

const list = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.output<T>>);
const text = z.string().min(1);

const durationText = (def: string) => z.union([z.string(), z.number()]).default(def).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v * 1000 : parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 30s, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});

/** One include or exclude rule: every field it names must match (AND); a field that lists values matches any of them (OR). */
const matcherSchema = z.strictObject({
  log_type: list(z.enum(LOG_TYPES)).optional(),
  /** Globs (`*`, `?`) on the scheduled query's name, or a live query's saved-query name. */
  query: list(text).optional(),
  /** Globs on the pack segment of the result's name: `Global`, `team-<id>`, or a 2017-style pack's name. */
  pack: list(text).optional(),
  /** Team names, or ids (0 = hosts with no team). */
  team: list(z.union([text, z.number().int().nonnegative()])).optional(),
  /** Globs on the host's platform (`darwin`, `ubuntu`, `windows`, ...). */
  platform: list(text).optional(),
  /** Names of labels the host is a member of. */
  label: list(text).optional(),
});
export type LogRouteMatcherConfig = z.output<typeof matcherSchema>;

const filesystemSchema = z.strictObject({
  path: text,
  enable_log_rotation: z.boolean().default(false),
  max_size: z.number().int().positive().default(500),
  max_backups: z.number().int().nonnegative().default(3),
});

const webhookSchema = z.strictObject({
  url: z.url(),
  timeout: durationText('30s'),
});

/** Fleet's `nats_*` options, plus `live_query_subject` for live-query results (default: `result_subject`). */
const natsSchema = z.strictObject({
  server: text,
  result_subject: text.optional(),
  status_subject: text.optional(),
  live_query_subject: text.optional(),
  jetstream: z.boolean().default(true),
  timeout: durationText('30s'),
  cred_file: text.optional(),
  nkey_file: text.optional(),
  tls_client_crt_file: text.optional(),
  tls_client_key_file: text.optional(),
  ca_crt_file: text.optional(),
  compression: z.enum(['gzip']).optional(),
});

/** RabbitMQ (AMQP 0-9-1) with publisher confirms; messages are persistent and carry their idempotency key as message-id. */
const amqpSchema = z.strictObject({
  url: text,
  exchange: z.string().default(''),
  exchange_type: z.enum(['direct', 'topic', 'fanout', 'headers']).default('topic'),
  /** Declared (durable) when set, bound to the exchange with `routing_key`'s fixed prefix; none by default. */
  queue: text.optional(),
  routing_key: text.default('osquery.{log_type}'),
  timeout: durationText('30s'),
});

const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, _ and -, up to 63 characters'),
  log_types: list(z.enum(LOG_TYPES)).default(['result', 'status']),
  include: z.array(matcherSchema).default([]),
  exclude: z.array(matcherSchema).default([]),
  /** Lines delivered per call to the destination. */
  batch_size: z.number().int().min(1).max(10_000).default(500),
};

const destinationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('filesystem'), filesystem: filesystemSchema }),
  z.strictObject({ ...common, kind: z.literal('stdout') }),
  z.strictObject({ ...common, kind: z.literal('webhook'), webhook: webhookSchema }),
  z.strictObject({ ...common, kind: z.literal('nats'), nats: natsSchema }),
  z.strictObject({ ...common, kind: z.literal('amqp'), amqp: amqpSchema }),
]);
export type LogDestinationConfig = z.output<typeof destinationSchema>;
export type LogDestinationKind = LogDestinationConfig['kind'];

const destinationsSchema = z.array(destinationSchema).superRefine((all, ctx) => {
  const seen = new Set<string>();
  for (const [i, d] of all.entries()) {
    if (seen.has(d.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `destination name ${d.name} is used twice` });
    seen.add(d.name);
    if (d.kind === 'nats') {
      const n = d.nats;
      for (const t of d.log_types) {
        const subject = t === 'status' ? n.status_subject : t === 'result' ? n.result_subject : n.live_query_subject ?? n.result_subject;
        if (!subject) ctx.addIssue({ code: 'custom', path: [i, 'nats'], message: `a ${t} subject is needed for log type ${t}` });
      }
      if (n.cred_file && n.nkey_file) ctx.addIssue({ code: 'custom', path: [i, 'nats'], message: 'cred_file and nkey_file cannot both be set' });
      if (Boolean(n.tls_client_crt_file) !== Boolean(n.tls_client_key_file)) ctx.addIssue({ code: 'custom', path: [i, 'nats'], message: 'tls_client_crt_file and tls_client_key_file go together' });
    }
  }
});

const describe = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string =>
  issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(list)'}: ${i.message}`).join('; ');

/** Hides passwords in URLs (amqp://user:pass@host, webhook tokens in the query string are kept: they are part of the URL the admin chose). */
const redactUrl = (url: string): string => url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:********@');

export const logDestinationsOption: StructuredOption<readonly LogDestinationConfig[]> = structured<readonly LogDestinationConfig[]>(
  [],
  'Named log destinations beside osquery.result_log_plugin/status_log_plugin, each with its kind, options and routing rules (a YAML list; JSON in the flag or FLEET_LOG_ROUTING_DESTINATIONS)',
  (value) => {
    if (value === null || value === undefined) return { ok: true, value: [] };
    const r = destinationsSchema.safeParse(value);
    return r.success ? { ok: true, value: r.data } : { ok: false, reason: describe(r.error.issues) };
  },
  (value) => value.map((d) => (d.kind === 'amqp' ? { ...d, amqp: { ...d.amqp, url: redactUrl(d.amqp.url) } } : d.kind === 'nats' ? { ...d, nats: { ...d.nats, server: redactUrl(d.nats.server) } } : d)),
);
