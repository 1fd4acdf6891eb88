import { z } from 'zod';

/** `POST /translate` (fleet-admin-api.md §1.14): names to ids; `type` is checked by the service (Fleet's 400 names it). */
export const translateRequestSchema = z.object({
  list: z.array(z.object({ type: z.string(), payload: z.object({ identifier: z.string() }) })).nullish().transform((v) => v ?? []),
});
export const translateResponseSchema = z.object({
  list: z.array(z.object({ type: z.string(), payload: z.object({ identifier: z.string(), id: z.number() }) })),
});
export type TranslateItem = z.output<typeof translateRequestSchema>['list'][number];
