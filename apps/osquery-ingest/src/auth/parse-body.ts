import type { z } from 'zod';
import { describeFieldErrors, zodIssuesToFieldErrors } from '@fleet/contracts';
import { DomainError } from '@fleet/domain';

/** Validates an agent body at the edge; a bad body is a clear `error` naming each field, never a crash. */
export function parseAgentBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return readAgentBody((value) => schema.safeParse(value), body);
}

/** `parseAgentBody` with a reader that answers as a schema's `safeParse` does (a contract's hot-path reader). */
export function readAgentBody<T>(read: (body: unknown) => z.ZodSafeParseResult<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('BAD_REQUEST', 'request body must be a JSON object');
  }
  const parsed = read(body);
  if (!parsed.success) throw new DomainError('BAD_REQUEST', `invalid request: ${describeFieldErrors(zodIssuesToFieldErrors(parsed.error))}`);
  return parsed.data;
}
