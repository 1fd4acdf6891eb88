import { z } from 'zod';
import { configPatchRequestSchema, configResponseSchema } from '../team.schema';
import { adminRoute } from './admin-route';

const flag = z.enum(['true', 'false']).optional();

/** Build facts in the shape of Fleet's `/version`; the runtime (Node.js) version is `node_version` and, for Fleet's clients, `go_version`. */
export const versionResponseSchema = z.object({
  version: z.string(), branch: z.string(), revision: z.string(), build_date: z.string(), build_user: z.string(), node_version: z.string(), go_version: z.string(),
});

/** Organisation settings (fleet-admin-api.md §1.11), the server version and this API's description. */
export const configRoutes = {
  get: adminRoute({
    method: 'GET', path: '/config', response: configResponseSchema,
    permission: { action: 'config:read', on: 'global' }, summary: 'The organisation settings',
    description: 'Secrets (SMTP password, webhook credentials) only for global admins.',
    example: () => ({}),
  }),
  modify: adminRoute({
    method: 'PATCH', path: '/config', query: z.object({ dry_run: flag, force: flag }).passthrough(), body: configPatchRequestSchema, response: configResponseSchema,
    permission: { action: 'config:write', on: 'global' }, summary: 'Modify the organisation settings',
    description: 'Nested objects are merged key by key; `dry_run=true` validates without saving.',
    example: () => ({ body: { org_info: { org_name: 'Acme' } } }),
  }),
  version: adminRoute({
    method: 'GET', path: '/version', response: versionResponseSchema,
    permission: 'authenticated', summary: 'Server version', description: 'fleetctl calls it first to check its token.',
    example: () => ({}),
  }),
  certificate: adminRoute({
    method: 'GET', path: '/config/certificate', response: z.object({ certificate_chain: z.string() }),
    permission: { action: 'config:read', on: 'global' }, summary: 'The TLS certificate chain agents see',
    description: 'The PEM chain presented at `server_settings.server_url` (read by connecting to it; the leaf is left out of a longer chain), '
      + 'base64-encoded, for osqueryd\'s `--tls_server_certs`. 422 when the URL is not https.',
    example: () => ({}),
  }),
  openapi: adminRoute({
    method: 'GET', path: '/openapi.json', response: z.record(z.string(), z.unknown()),
    permission: 'authenticated', summary: 'This document',
    example: () => ({}),
  }),
};
