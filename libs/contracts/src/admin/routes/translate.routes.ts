import { translateRequestSchema, translateResponseSchema } from '../translate.schema';
import { adminRoute } from './admin-route';

/** Fleet's identifier translation (fleet-admin-api.md §1.14): users by email, labels, teams and hosts by name to ids. */
export const translateRoutes = {
  translate: adminRoute({
    method: 'POST', path: '/translate', body: translateRequestSchema, response: translateResponseSchema, readOnly: true,
    permission: { action: 'host:read', on: 'global' }, summary: 'Translate identifiers to ids',
    description: '`type` is `user` (email), `label` (name), `team` (name) or `host` (hostname, UUID, serial or osquery host id); each needs '
      + 'the permission to read that kind of object (the route\'s permission is that of the example, a host). An unknown identifier is 404, '
      + 'an unknown type or an empty list 400.',
    example: async (f) => ({ body: { list: [{ type: 'host', payload: { identifier: (await f.host({ team: 'none' })).hostname } }] } }),
  }),
};
