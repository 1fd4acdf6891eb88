import { z } from 'zod';
import { carveBlockDataResponseSchema, carveResponseSchema, carvesQuerySchema, carvesResponseSchema } from '../carve.schema';
import { adminRoute } from './admin-route';
import { idParam, idParams } from './route-params.schema';

/**
 * File carving (fleet-admin-api.md §1.15): carves are started by a live query on osquery's `carves` table and
 * uploaded by the agent; these routes list them and read their blocks. Global admins only, as in Fleet.
 */
export const carveRoutes = {
  list: adminRoute({
    method: 'GET', path: '/carves', query: carvesQuerySchema, response: carvesResponseSchema,
    permission: { action: 'carve:read', on: 'global' }, summary: 'List file carves',
    description: 'Carves that have not expired (a day after they began), or all of them with `expired=true`; ordered by any field.',
    example: () => ({}),
  }),
  get: adminRoute({
    method: 'GET', path: '/carves/:id', params: idParams, response: carveResponseSchema,
    permission: { action: 'carve:read', on: 'global' }, summary: 'A file carve',
    example: async (f) => ({ params: { id: (await f.carve()).id } }),
  }),
  block: adminRoute({
    method: 'GET', path: '/carves/:id/block/:block_id', params: z.object({ id: idParam, block_id: idParam }), response: carveBlockDataResponseSchema,
    permission: { action: 'carve:read', on: 'global' }, summary: "One block of a carve's archive",
    description: 'The block base64-encoded; blocks are numbered from 0 and concatenated in order make the archive (a tar of the carved files).',
    example: async (f) => ({ params: { id: (await f.carve()).id, block_id: 0 } }),
  }),
};
