import { z } from 'zod';
import { listQuerySchema, optionalIntParam } from './list-query.schema';
import { querySequence } from './query-sequence.schema';
import { versionVulnerabilitySchema } from './software.schema';

const raw = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[v.length - 1] : v));

/**
 * Fleet's host filters with its exact 400 messages (transport.go). Produces the repository's filter shape;
 * pagination is parsed separately by `listQuerySchema`.
 */
export const hostFiltersQuerySchema = z
  .object({
    query: raw, status: raw, team_id: raw, label_id: raw, policy_id: raw, policy_response: raw, software_id: raw,
    software_version_id: raw, software_title_id: raw, vulnerability: raw, os_name: raw, os_version: raw, platform: raw, low_disk_space: raw,
  })
  .transform((q, ctx) => {
    const fail = (message: string): never => { ctx.addIssue({ code: 'custom', message }); return z.NEVER; };
    const int = (v: string | undefined, name: string): number | undefined => {
      if (v === undefined || v === '') return undefined;
      return /^\d+$/.test(v) ? Number(v) : fail(`Invalid ${name}: ${v}`);
    };
    const status = q.status === 'mia' ? 'missing' : q.status || undefined;
    if (status !== undefined && !['online', 'offline', 'new', 'missing'].includes(status)) return fail(`Invalid status: ${q.status}`);
    if (q.policy_response !== undefined && q.policy_id === undefined) return fail('Missing policy_id (it must be present when policy_response is specified)');
    if (q.policy_response !== undefined && q.policy_response !== 'passing' && q.policy_response !== 'failing') {
      return fail(`Invalid policy_response: ${q.policy_response} (Valid options are 'passing' or 'failing')`);
    }
    if (q.os_version !== undefined && q.os_name === undefined) return fail('Invalid os_version (os_version must be specified with os_name)');
    if (q.os_name !== undefined && q.os_version === undefined) return fail('Invalid os_name (os_name must be specified with os_version)');
    if (q.low_disk_space !== undefined && !(/^\d+$/.test(q.low_disk_space) && Number(q.low_disk_space) >= 1 && Number(q.low_disk_space) <= 100)) {
      return fail(`Invalid low_disk_space, must be between 1 and 100: ${q.low_disk_space}`);
    }
    if ([q.software_id, q.software_version_id, q.software_title_id].filter((v) => v !== undefined).length > 1) {
      return fail('Invalid filters: only one of software_id, software_version_id and software_title_id may be given');
    }
    if (q.vulnerability !== undefined && !/^cve-\d{4}-\d{4,}$/i.test(q.vulnerability)) return fail(`Invalid vulnerability: ${q.vulnerability}`);
    const query = q.query?.trim();
    return {
      ...(query ? { query } : {}),
      ...(status ? { status: status as 'online' | 'offline' | 'new' | 'missing' } : {}),
      teamId: int(q.team_id, 'team_id'), labelId: int(q.label_id, 'label_id'), policyId: int(q.policy_id, 'policy_id'),
      ...(q.policy_response ? { policyResponse: q.policy_response === 'passing' ? 'passing' as const : 'failing' as const } : {}),
      softwareId: int(q.software_id ?? q.software_version_id, 'software_id'),
      ...(q.software_title_id !== undefined ? { softwareTitleId: int(q.software_title_id, 'software_title_id') } : {}),
      ...(q.vulnerability !== undefined ? { vulnerability: q.vulnerability.toUpperCase() } : {}),
      ...(q.os_name !== undefined ? { osName: q.os_name, osVersion: q.os_version } : {}),
      ...(q.platform ? { platform: q.platform } : {}),
      ...(q.low_disk_space !== undefined ? { lowDiskSpace: Number(q.low_disk_space) } : {}),
    };
  });
export type HostFiltersQuery = z.output<typeof hostFiltersQuerySchema>;

/** Fleet's `mdm` object of a host; MDM is out of scope, so every host has Fleet's values for a host without MDM. */
const hostMdmSchema = z.object({
  encryption_key_available: z.boolean(), enrollment_status: z.string().nullable(), name: z.string(), server_url: z.string().nullable(),
});

const hostBase = {
  created_at: z.string(), updated_at: z.string(), id: z.number(), detail_updated_at: z.string(),
  /** The detail timestamp minus the reported uptime. */
  last_restarted_at: z.string(),
  /** When the software inventory last changed (Fleet's zero time before the first one). */
  software_updated_at: z.string(), label_updated_at: z.string(),
  policy_updated_at: z.string(), last_enrolled_at: z.string(), seen_time: z.string(), hostname: z.string(), uuid: z.string(),
  platform: z.string(), osquery_version: z.string(), os_version: z.string(), build: z.string(), platform_like: z.string(),
  code_name: z.string(), uptime: z.number(), memory: z.number(), cpu_type: z.string(), cpu_subtype: z.string(), cpu_brand: z.string(),
  cpu_physical_cores: z.number(), cpu_logical_cores: z.number(), hardware_vendor: z.string(), hardware_model: z.string(),
  hardware_version: z.string(), hardware_serial: z.string(), computer_name: z.string(), display_name: z.string(), public_ip: z.string(),
  primary_ip: z.string(), primary_mac: z.string(), distributed_interval: z.number(), config_tls_refresh: z.number(),
  logger_tls_period: z.number(), team_id: z.number().nullable(), team_name: z.string().nullable(),
  gigs_disk_space_available: z.number(), percent_disk_space_available: z.number(), gigs_total_disk_space: z.number(),
  pack_stats: z.null(), issues: z.object({ failing_policies_count: z.number(), critical_vulnerabilities_count: z.number(), total_issues_count: z.number() }),
  additional: z.record(z.string(), z.unknown()), status: z.enum(['online', 'offline', 'missing']), display_text: z.string(),
  refetch_requested: z.boolean(), mdm: hostMdmSchema,
};
export const hostSchema = z.object(hostBase);
export type HostDto = z.infer<typeof hostSchema>;

/** A label of the host's detail. */
export const hostLabelSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), query: z.string(),
  platform: z.string(), label_type: z.enum(['regular', 'builtin']), label_membership_type: z.enum(['dynamic', 'manual']), display_text: z.string(),
});
/** A policy that applies to the host, with its answer: `pass`, `fail`, or empty while it has not answered. */
export const hostPolicySchema = z.object({
  id: z.number(), name: z.string(), query: z.string(), description: z.string(), resolution: z.string(), platform: z.string(),
  critical: z.boolean(), team_id: z.number().nullable(), author_id: z.number().nullable(), author_name: z.string(), author_email: z.string(),
  created_at: z.string(), updated_at: z.string(), response: z.enum(['pass', 'fail', '']),
});
/**
 * Software installed on the host with the CVEs the vulnerabilities schedule found on it (`vulnerabilities` null
 * when none); `bundle_identifier` and `last_opened_at` only where the host reports them, as Fleet answers.
 */
export const hostSoftwareSchema = z.object({
  id: z.number(), name: z.string(), version: z.string(), source: z.string(), browser: z.string(), generated_cpe: z.string(),
  vulnerabilities: z.array(versionVulnerabilitySchema).nullable(), installed_paths: z.array(z.string()),
  bundle_identifier: z.string().optional(), last_opened_at: z.string().optional(),
});
const hostUserSchema = z.object({ uid: z.number(), username: z.string(), type: z.string(), groupname: z.string(), shell: z.string() });
/** A 2017 pack that applies to the host (Fleet's pack fields; the target name lists are null as in Fleet's example). */
export const hostPackSchema = z.object({
  created_at: z.string(), updated_at: z.string(), id: z.number(), name: z.string(), description: z.string(), platform: z.string(),
  disabled: z.boolean(), type: z.string().nullable(), labels: z.null(), label_ids: z.array(z.number()), hosts: z.null(),
  host_ids: z.array(z.number()), teams: z.null(), team_ids: z.array(z.number()),
});
export const hostDetailSchema = hostSchema.extend({
  /** Fleet's fleetd facts: null for a plain osquery agent, which is what this server enrolls. */
  orbit_version: z.string().nullable(), fleet_desktop_version: z.string().nullable(), scripts_enabled: z.boolean().nullable(),
  labels: z.array(hostLabelSchema),
  packs: z.array(hostPackSchema),
  policies: z.array(hostPolicySchema),
  software: z.array(hostSoftwareSchema),
  users: z.array(hostUserSchema),
});
export type HostDetailDto = z.infer<typeof hostDetailSchema>;

/** A host of `GET /hosts` with what `populate_software`, `populate_policies`, `populate_users` and `populate_labels` asked for. */
export const hostListItemSchema = hostSchema.extend({
  software: z.array(hostSoftwareSchema).optional(),
  policies: z.array(hostPolicySchema.pick({ id: true, name: true, query: true, description: true, resolution: true, platform: true, response: true, critical: true })).optional(),
  users: z.array(hostUserSchema).optional(),
  labels: z.array(hostLabelSchema).optional(),
});
export type HostListItemDto = z.infer<typeof hostListItemSchema>;

export const hostsResponseSchema = z.object({ hosts: z.array(hostListItemSchema) });
export const hostResponseSchema = z.object({ host: hostDetailSchema });
export const countResponseSchema = z.object({ count: z.number() });
export const hostSummaryResponseSchema = z.object({
  team_id: z.number().nullable(), totals_hosts_count: z.number(), online_count: z.number(), offline_count: z.number(),
  mia_count: z.number(), missing_30_days_count: z.number(), new_count: z.number(), all_linux_count: z.number(),
  low_disk_space_count: z.number().optional(),
  builtin_labels: z.array(z.object({ id: z.number(), name: z.string(), description: z.string(), label_type: z.literal('builtin') })),
  platforms: z.array(z.object({ platform: z.string(), hosts_count: z.number() })),
});
/** The host-list filters some bulk routes take in a JSON body instead of the query string. */
const hostFiltersBodySchema = z.object({ query: z.string().optional(), status: z.string().optional(), label_id: z.number().int().optional(), team_id: z.number().int().optional() });
export type HostFiltersBody = z.output<typeof hostFiltersBodySchema>;

/**
 * Filters given in a JSON body, read by the rules (and 400 reasons) of the same filters in a query string.
 * The bulk routes' services apply it after their permission check, as Fleet's service checks its filters.
 */
export function hostFiltersFromBody(f: HostFiltersBody): { readonly ok: true; readonly filters: HostFiltersQuery } | { readonly ok: false; readonly reason: string } {
  const r = hostFiltersQuerySchema.safeParse({ query: f.query, status: f.status, label_id: f.label_id?.toString(), team_id: f.team_id?.toString() });
  return r.success ? { ok: true, filters: r.data } : { ok: false, reason: r.error.issues[0]?.message ?? 'Bad request' };
}
export const deleteHostsRequestSchema = z.object({ ids: z.array(z.number().int()).optional(), filters: hostFiltersBodySchema.optional() });
export const transferHostsRequestSchema = z.object({ team_id: z.number().int().nullable(), hosts: z.array(z.number().int()) });
export const transferHostsByFilterRequestSchema = z.object({ team_id: z.number().int().nullable(), filters: hostFiltersBodySchema });

/** Go's strconv.ParseBool, which Fleet reads its boolean query parameters with. */
const GO_BOOLS: Record<string, boolean> = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };

/**
 * `populate_software` (`true`: with CVE details; `without_vulnerability_details`: CVE ids and links only),
 * `populate_policies`, `populate_users`, `populate_labels`: what each host of the list carries besides its vitals.
 */
export const hostPopulateQuerySchema = z
  .object({ populate_software: raw, populate_policies: raw, populate_users: raw, populate_labels: raw })
  .transform((q, ctx) => {
    const bool = (name: keyof typeof q): boolean => {
      const v = q[name];
      if (v === undefined || v === '') return false;
      const b = GO_BOOLS[v];
      if (b === undefined) { ctx.addIssue({ code: 'custom', message: `Invalid ${name}: ${v}` }); return false; }
      return b;
    };
    const software = q.populate_software === 'without_vulnerability_details' ? 'brief' as const : bool('populate_software') ? 'full' as const : 'none' as const;
    return { software, policies: bool('populate_policies'), users: bool('populate_users'), labels: bool('populate_labels') };
  });
export type HostPopulate = z.output<typeof hostPopulateQuerySchema>;

/** `GET /hosts`: paging and ordering first, then the filters, then what to populate, each with Fleet's 400 reasons. */
export const hostListQuerySchema = querySequence({ list: listQuerySchema, filters: hostFiltersQuerySchema, populate: hostPopulateQuerySchema });

/** Fleet's default columns of `GET /hosts/report?format=csv` (those this server has); `columns` picks among them. */
export const HOST_REPORT_COLUMNS = ['created_at', 'updated_at', 'id', 'detail_updated_at', 'label_updated_at', 'policy_updated_at',
  'last_enrolled_at', 'seen_time', 'hostname', 'uuid', 'platform', 'osquery_version', 'os_version', 'build', 'platform_like', 'code_name',
  'uptime', 'memory', 'cpu_type', 'cpu_subtype', 'cpu_brand', 'cpu_physical_cores', 'cpu_logical_cores', 'hardware_vendor', 'hardware_model',
  'hardware_version', 'hardware_serial', 'computer_name', 'primary_ip', 'primary_mac', 'distributed_interval', 'config_tls_refresh',
  'logger_tls_period', 'team_id', 'team_name', 'gigs_disk_space_available', 'percent_disk_space_available', 'gigs_total_disk_space',
  'status', 'display_text'] as const satisfies ReadonlyArray<keyof HostDto>;
export type HostReportColumn = (typeof HOST_REPORT_COLUMNS)[number];

const isReportColumn = (c: string): c is HostReportColumn => (HOST_REPORT_COLUMNS as readonly string[]).includes(c);

/** `format=csv` (required) and the comma-separated `columns` (default: all), each a known column. */
const hostReportFormatSchema = z
  .object({ format: z.literal('csv', { message: 'format must be csv' }), columns: z.string().optional() })
  .transform((q, ctx): HostReportColumn[] => {
    const names = q.columns ? q.columns.split(',').map((c) => c.trim()).filter(Boolean) : [...HOST_REPORT_COLUMNS];
    const unknown = names.find((c) => !isReportColumn(c));
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `invalid column name: ${unknown}` });
      return z.NEVER;
    }
    return names.filter(isReportColumn);
  });

/** `GET /hosts/report`: format and columns, then paging (every host unless `per_page` is given), then the filters. */
export const hostReportQuerySchema = querySequence({ columns: hostReportFormatSchema, list: listQuerySchema, filters: hostFiltersQuerySchema });

/** `GET /hosts/:id` and `/hosts/identifier/:identifier`: `exclude_software=true` (or 1) leaves the software list empty. */
export const hostDetailQuerySchema = z.object({ exclude_software: z.enum(['true', 'false', '1', '0']).optional() }).passthrough()
  .transform((q) => ({ excludeSoftware: q.exclude_software === 'true' || q.exclude_software === '1' }));

export const hostIdentifierParams = z.object({ identifier: z.string() });

/** `GET /host_summary`: an optional team (0 = hosts with no team), platform and `low_disk_space` (GB, 1 to 100: adds `low_disk_space_count`). */
export const hostSummaryQuerySchema = z.object({
  team_id: optionalIntParam, platform: z.string().optional(),
  low_disk_space: z.string().optional().transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100) {
      ctx.addIssue({ code: 'custom', message: `Invalid low_disk_space, must be between 1 and 100: ${v}` });
      return z.NEVER;
    }
    return Number(v);
  }),
}).passthrough();

/** A host's stored results of a scheduled query (Fleet's shape); `last_fetched` null when the host never reported it. */
export const hostQueryReportResponseSchema = z.object({
  query_id: z.number(), host_id: z.number(), host_name: z.string(), host_team_id: z.number().nullable(), last_fetched: z.string().nullable(),
  report_clipped: z.boolean(), results: z.array(z.object({ columns: z.record(z.string(), z.unknown()) })),
});
