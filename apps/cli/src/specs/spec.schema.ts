import { z } from 'zod';

/**
 * The spec kinds `fleetctl apply` accepts, field by field (fleet-admin-api.md §3.5). Objects are strict, so
 * an unknown or misspelt key is refused with its path (Fleet issue #3026). Read-only keys that
 * `get --yaml` prints (id, label_type, created_at, team_id) are accepted so its output can be applied back.
 */
const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional();
const id = opt(z.number().int());

const querySpec = z.strictObject({
  name: str.min(1, 'cannot be empty'), description: opt(str), query: str.min(1, 'cannot be empty'), team: opt(str),
  interval: opt(z.number().int().min(0)), platform: opt(str), min_osquery_version: opt(str), automations_enabled: opt(z.boolean()),
  logging: opt(z.enum(['snapshot', 'differential', 'differential_ignore_removals'])), observer_can_run: opt(z.boolean()), discard_data: opt(z.boolean()),
});

const packQuery = z.strictObject({
  query: str.min(1, 'cannot be empty'), name: str.min(1, 'cannot be empty'), description: opt(str), interval: z.number().int().min(1),
  snapshot: opt(z.boolean().nullable()), removed: opt(z.boolean().nullable()), platform: opt(str.nullable()), version: opt(str.nullable()),
  shard: opt(z.number().int().nullable()), denylist: opt(z.boolean().nullable()),
});

const packSpec = z.strictObject({
  id, name: str.min(1, 'cannot be empty'), description: opt(str), platform: opt(str), disabled: opt(z.boolean()),
  targets: opt(z.strictObject({ labels: opt(z.array(str).nullable()), teams: opt(z.array(str).nullable()) })),
  queries: opt(z.array(packQuery).nullable()),
});

const labelSpec = z.strictObject({
  id, name: str.min(1, 'cannot be empty'), description: opt(str), query: opt(str), platform: opt(str),
  label_type: opt(z.enum(['regular', 'builtin'])), label_membership_type: opt(z.enum(['dynamic', 'manual'])), hosts: opt(z.array(str).nullable()),
}).refine((l) => l.label_membership_type === 'manual' || (l.query ?? '') !== '', { path: ['query'], message: 'cannot be empty for a dynamic label' });

const policySpec = z.strictObject({
  name: str.min(1, 'cannot be empty'), query: str.min(1, 'cannot be empty'), description: opt(str), resolution: opt(str), platform: opt(str),
  critical: opt(z.boolean()), team: opt(str), script_id: opt(z.number().int().nullable()), software_title_id: opt(z.number().int().nullable()),
});

const secret = z.strictObject({ secret: str.min(1, 'cannot be empty'), created_at: opt(str), team_id: opt(z.number().int().nullable()) });
const enrollSecretSpec = z.strictObject({ secrets: z.array(secret) });

/** The AppConfig is validated by the server (it knows every key); locally it must be a mapping. */
const configSpec = z.record(str, z.unknown());

const teamSpec = z.strictObject({
  team: z.looseObject({ name: str.min(1, 'cannot be empty'), secrets: opt(z.array(secret).nullable()) }),
});

const userRolesSpec = z.strictObject({
  roles: z.record(str, z.strictObject({
    global_role: z.string().nullable(), teams: z.array(z.strictObject({ team: str, role: str })).nullable(),
  })),
});

export const SPEC_SCHEMAS = {
  query: querySpec, pack: packSpec, label: labelSpec, policy: policySpec, enroll_secret: enrollSecretSpec,
  config: configSpec, team: teamSpec, user_roles: userRolesSpec,
} as const;

export type SpecKind = keyof typeof SPEC_SCHEMAS;
export const SPEC_KINDS = Object.keys(SPEC_SCHEMAS) as SpecKind[];
export type SpecOf<K extends SpecKind> = z.infer<(typeof SPEC_SCHEMAS)[K]>;
