import { z } from 'zod';
import { listMetaSchema, listQuerySchema, optionalIntParam } from './list-query.schema';
import { querySequence } from './query-sequence.schema';

/** A query-string value as Fastify parses it (the last one when repeated). */
const raw = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (Array.isArray(v) ? v[v.length - 1] : v));

/** Fleet's boolean query parameters: true or 1, false or 0; anything else is a 400. */
export const boolParam = raw.transform((v, ctx) => {
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  ctx.addIssue({ code: 'custom', message: `invalid value: ${v}` });
  return z.NEVER;
});

/** A CVSS bound (0 to 10). */
const cvssParam = (name: string) => raw.transform((v, ctx) => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v) || n > 10) {
    ctx.addIssue({ code: 'custom', message: `invalid ${name}: ${v}` });
    return z.NEVER;
  }
  return n;
});

/** An optional team (0 = hosts with no team) whose hosts are counted. */
export const softwareTeamQuerySchema = z.object({ team_id: optionalIntParam }).passthrough();

/** The software and vulnerability filters (Fleet's `vulnerable`, `exploit`, `min_cvss_score`, `max_cvss_score`). */
export const softwareFilterQuerySchema = z.object({
  team_id: optionalIntParam, vulnerable: boolParam, exploit: boolParam,
  min_cvss_score: cvssParam('min_cvss_score'), max_cvss_score: cvssParam('max_cvss_score'), without_vulnerability_details: boolParam,
}).passthrough();

/** The software lists: paging and ordering first, then the team and filters, each with Fleet's 400 reasons. */
export const softwareListQuerySchema = querySequence({ list: listQuerySchema, team: softwareFilterQuerySchema });

/** One CVE of a software or OS version, as Fleet lists it (the fields Fleet marks Premium are always given here). */
export const versionVulnerabilitySchema = z.object({
  cve: z.string(), details_link: z.string(),
  cvss_score: z.number().nullable().optional(), epss_probability: z.number().nullable().optional(), cisa_known_exploit: z.boolean().nullable().optional(),
  cve_published: z.string().nullable().optional(), cve_description: z.string().nullable().optional(),
  resolved_in_version: z.string().nullable().optional(), created_at: z.string().optional(),
});

/** A software version with the number of hosts that have it (Fleet's /software/versions entry). */
export const softwareVersionSchema = z.object({
  id: z.number(), name: z.string(), version: z.string(), source: z.string(), browser: z.string(), release: z.string(),
  vendor: z.string(), arch: z.string(), bundle_identifier: z.string().optional(), extension_id: z.string().optional(),
  generated_cpe: z.string(), vulnerabilities: z.array(versionVulnerabilitySchema).nullable(), hosts_count: z.number(),
});
export const softwareListResponseSchema = z.object({
  counts_updated_at: z.string().nullable(), count: z.number(), software: z.array(softwareVersionSchema), meta: listMetaSchema,
});
export const softwareVersionResponseSchema = z.object({ software: softwareVersionSchema });

/** A title's version as the title list shows it: CVE ids only. */
const titleVersionSchema = z.object({ id: z.number(), version: z.string(), vulnerabilities: z.array(z.string()).nullable() });

/** A software title (Fleet's /software/titles entry); installers and App Store apps are not managed here, so they are null. */
export const softwareTitleSchema = z.object({
  id: z.number(), name: z.string(), software_package: z.null(), app_store_app: z.null(), versions_count: z.number(),
  source: z.string(), browser: z.string(), hosts_count: z.number(), versions: z.array(titleVersionSchema),
});
export const softwareTitlesResponseSchema = z.object({
  counts_updated_at: z.string().nullable(), count: z.number(), software_titles: z.array(softwareTitleSchema), meta: listMetaSchema,
});

/** One title with its versions and their host counts (GET /software/titles/:id). */
export const softwareTitleResponseSchema = z.object({
  software_title: z.object({
    id: z.number(), name: z.string(), bundle_identifier: z.string().optional(), software_package: z.null(), app_store_app: z.null(),
    source: z.string(), browser: z.string(), hosts_count: z.number(), versions_count: z.number(),
    versions: z.array(titleVersionSchema.extend({ hosts_count: z.number() })),
  }),
});

/** GET /hosts/:id/software: paging, `query` (title name) and `vulnerable`. */
export const hostSoftwareQuerySchema = querySequence({ list: listQuerySchema, filters: z.object({ vulnerable: boolParam, available_for_install: boolParam }).passthrough() });

/** A title installed on one host, with the versions it has there. */
export const hostSoftwareTitleSchema = z.object({
  id: z.number(), name: z.string(), software_package: z.null(), app_store_app: z.null(), source: z.string(), browser: z.string(), status: z.null(),
  installed_versions: z.array(z.object({
    version: z.string(), last_opened_at: z.string().nullable().optional(), vulnerabilities: z.array(z.string()), installed_paths: z.array(z.string()),
  })),
});
export const hostSoftwareResponseSchema = z.object({ count: z.number(), software: z.array(hostSoftwareTitleSchema), meta: listMetaSchema });
