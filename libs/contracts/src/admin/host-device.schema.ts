import { z } from 'zod';

/** `GET`/`PUT /hosts/:id/device_mapping`: the host's emails by source (fleet-admin-api.md §1.3). */
export const deviceMappingResponseSchema = z.object({
  host_id: z.number(),
  device_mapping: z.array(z.object({ email: z.string(), source: z.string() })),
});
export const putDeviceMappingRequestSchema = z.object({ email: z.string().trim().min(1, 'cannot be empty') });

/**
 * `GET /hosts/:id/health`: a subset of the host's vitals, what it fails and its software versions with known
 * CVEs. `disk_encryption_enabled` is absent (not collected, as Fleet omits it when unknown).
 */
export const hostHealthResponseSchema = z.object({
  host_id: z.number(),
  health: z.object({
    updated_at: z.string(), os_version: z.string(), failing_policies_count: z.number(), failing_critical_policies_count: z.number(),
    failing_policies: z.array(z.object({ id: z.number(), name: z.string(), critical: z.boolean(), resolution: z.string().nullable() })),
    vulnerable_software: z.array(z.object({ id: z.number(), name: z.string(), version: z.string() })),
  }),
});
export type HostHealthDto = z.input<typeof hostHealthResponseSchema>;

/** `POST`/`DELETE /hosts/:id/labels`: names of manual labels; absent or null is none. */
export const hostLabelsRequestSchema = z.object({ labels: z.array(z.string()).nullish().transform((v) => v ?? []) });

/** `POST /hosts/search`: text matched against hostname, display name, serial, UUID and IP; at most 10 hosts. */
export const searchHostsRequestSchema = z.object({
  query: z.string().nullish().transform((v) => v ?? ''),
  query_id: z.number().int().nullish(),
  excluded_host_ids: z.array(z.number().int()).nullish().transform((v) => v ?? []),
});
