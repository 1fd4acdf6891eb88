import { z } from 'zod';

/**
 * Fleet's GitOps file format (docs/Configuration/yaml-files.md): `default.yml` holds org_settings, agent_options,
 * controls, policies, queries and labels; `teams/<team>.yml` holds name, team_settings (or `settings`),
 * agent_options, controls, policies and queries (or `reports`). Items are validated key by key: a misspelt key
 * is an error, while keys Fleet knows but this server has no feature for (scripts, software, calendar events,
 * label scoping) are accepted and reported as ignored when they ask for something.
 */

const str = z.string();

/** Item keys Fleet accepts that this server cannot honour; a value other than empty/false is reported. */
export const IGNORED_ITEM_KEYS: Readonly<Record<'query' | 'policy' | 'label', readonly string[]>> = {
  query: ['labels_include_any', 'labels_include_all', 'labels_exclude_any'],
  policy: ['calendar_event_enabled', 'run_script', 'install_software', 'labels_include_any', 'labels_exclude_any', 'conditional_access_enabled',
    'webhooks_and_tickets_enabled', 'script_id', 'software_title_id'],
  label: ['criteria'],
};

const ignored = (kind: keyof typeof IGNORED_ITEM_KEYS) => Object.fromEntries(IGNORED_ITEM_KEYS[kind].map((k) => [k, z.unknown().optional()]));

export const gitopsQuerySchema = z.strictObject({
  name: str.trim().min(1, 'cannot be empty'),
  description: str.default(''),
  query: str.trim().min(1, 'cannot be empty'),
  interval: z.number().int().min(0).default(0),
  observer_can_run: z.boolean().default(false),
  platform: str.default(''),
  min_osquery_version: str.default(''),
  automations_enabled: z.boolean().default(false),
  logging: z.enum(['snapshot', 'differential', 'differential_ignore_removals', '']).default('snapshot').transform((l) => l || 'snapshot'),
  discard_data: z.boolean().default(false),
  ...ignored('query'),
});
export type GitopsQuery = z.output<typeof gitopsQuerySchema>;

export const gitopsPolicySchema = z.strictObject({
  name: str.trim().min(1, 'cannot be empty'),
  query: str.trim().min(1, 'cannot be empty'),
  description: str.default(''),
  resolution: str.default(''),
  platform: str.default(''),
  critical: z.boolean().default(false),
  ...ignored('policy'),
});
export type GitopsPolicy = z.output<typeof gitopsPolicySchema>;

export const gitopsLabelSchema = z.strictObject({
  name: str.trim().min(1, 'cannot be empty'),
  description: str.default(''),
  query: str.default(''),
  platform: str.default(''),
  label_membership_type: z.enum(['dynamic', 'manual']).default('dynamic'),
  hosts: z.array(str).nullable().optional(),
  ...ignored('label'),
}).refine((l) => l.label_membership_type === 'manual' || l.query.trim() !== '', { path: ['query'], message: 'cannot be empty for a dynamic label' });
export type GitopsLabel = z.output<typeof gitopsLabelSchema>;

/** An enroll secret as Fleet writes it (`- secret: X`), or the bare string older examples show. */
export const secretsSchema = z.array(z.union([str.min(1, 'cannot be empty'), z.strictObject({ secret: str.min(1, 'cannot be empty') })]))
  .nullable().transform((list) => (list ?? []).map((s) => (typeof s === 'string' ? s : s.secret)));

const json = z.record(str, z.unknown());
const section = json.nullable().optional();

/**
 * org_settings: Fleet's AppConfig sections. `secrets` are the global enroll secrets; sections that need MDM,
 * scripts, YARA or certificate authorities are accepted and reported as ignored when set.
 */
export const ORG_IGNORED_KEYS = ['mdm', 'scripts', 'yara_rules', 'certificate_authorities'] as const;
export const orgSettingsSchema = z.strictObject({
  org_info: section, server_settings: section, smtp_settings: section, host_expiry_settings: section, activity_expiry_settings: section,
  features: section, sso_settings: section, fleet_desktop: section, vulnerability_settings: section, webhook_settings: section,
  integrations: section, secrets: secretsSchema.optional(),
  ...Object.fromEntries(ORG_IGNORED_KEYS.map((k) => [k, z.unknown().optional()])),
});

/** team_settings (`settings` in Fleet's newest files): the team's own settings and enroll secrets. */
export const teamSettingsSchema = z.strictObject({
  secrets: secretsSchema.optional(), features: section, host_expiry_settings: section, webhook_settings: section, integrations: section,
});

/** Top-level keys; `reports` and `settings` are Fleet's newer names for `queries` and `team_settings`. */
export const TOP_LEVEL_KEYS = ['name', 'org_settings', 'team_settings', 'settings', 'agent_options', 'controls', 'policies', 'queries', 'reports', 'labels', 'software'] as const;

/** Controls Fleet knows; all of them need MDM or scripts, which this server does not have. */
export const CONTROL_KEYS = [
  'macos_updates', 'ios_updates', 'ipados_updates', 'macos_settings', 'macos_setup', 'macos_migration', 'windows_updates', 'windows_settings',
  'windows_enabled_and_configured', 'windows_migration_enabled', 'enable_disk_encryption', 'scripts', 'windows_require_bitlocker_pin',
  'enable_turn_on_windows_mdm_manually', 'windows_entra_tenant_ids', 'android_enabled_and_configured', 'android_settings', 'apple_settings',
  'setup_experience', 'enable_recovery_lock_password',
] as const;

/** True when a value asks for something: not null, '', false, 0, [] or {} (at any depth). */
export function isSet(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.some(isSet);
  if (typeof v === 'object') return Object.values(v).some(isSet);
  return true;
}
