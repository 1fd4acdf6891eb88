import { z } from 'zod';
import type { HostUser, HostVitalsPatch, SoftwareItem } from '@fleet/domain';

const text = z.string().optional();
const count = z.number().optional();

/*
 * The wire schemas of the domain's host types. `satisfies` proves a parsed message is a domain value; the
 * services that build messages from domain values prove the other direction, so the two cannot drift apart.
 */

/** The vitals a detail query reported (HostVitalsPatch); absent fields keep their stored value. */
const hostVitalsPatchSchema = z.object({
  hostname: text, uuid: text, computer_name: text, hardware_serial: text, hardware_vendor: text, hardware_model: text,
  hardware_version: text, platform: text, platform_like: text, code_name: text, build: text, os_version: text,
  osquery_version: text, memory: count, uptime_seconds: count, cpu_type: text, cpu_subtype: text, cpu_brand: text,
  cpu_physical_cores: count, cpu_logical_cores: count, primary_ip: text, primary_mac: text,
  gigs_disk_space_available: count, percent_disk_space_available: count, gigs_total_disk_space: count,
  distributed_interval: count, config_tls_refresh: count, logger_tls_period: count,
}) satisfies z.ZodType<HostVitalsPatch>;

const softwareItemSchema = z.object({
  name: z.string(), version: z.string(), source: z.string(),
  vendor: text, release: text, arch: text, installed_path: text, bundle_identifier: text, extension_id: text, browser: text,
  last_opened_at: count,
}) satisfies z.ZodType<SoftwareItem>;

const hostUserSchema = z.object({ uid: z.number(), username: z.string(), type: z.string(), groupname: z.string(), shell: z.string() }) satisfies z.ZodType<HostUser>;

/** label or policy id → matched (true/false); null = the query failed, what was known is kept. */
const membershipSchema = z.record(z.string(), z.boolean().nullable());

/**
 * One host's processed distributed/write (or the intervals of a config fetch), as queued for the batch
 * writer and as the writer applies it to MySQL: the ingest services build it, the stream carries it and
 * `AgentDataRepository.applyHostWrites` takes it, all as this one type.
 */
export const hostWriteMessageSchema = z.object({
  hostId: z.number().int().positive(),
  at: z.number(),
  vitals: hostVitalsPatchSchema.optional(),
  detailUpdated: z.boolean().optional(),
  software: z.array(softwareItemSchema).optional(),
  users: z.array(hostUserSchema).optional(),
  labels: membershipSchema.optional(),
  policies: membershipSchema.optional(),
  labelsRan: z.boolean().optional(),
  policiesRan: z.boolean().optional(),
  refetchCleared: z.boolean().optional(),
  /** Only the intervals the served config sets; the others stay as stored (the `osquery_flags` detail query writes them too). */
  intervals: z.object({ distributed: z.number().optional(), configRefresh: z.number().optional(), loggerPeriod: z.number().optional() }).optional(),
  publicIp: z.string().optional(),
});
export type HostWriteMessage = z.output<typeof hostWriteMessageSchema>;
