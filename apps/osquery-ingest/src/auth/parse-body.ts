import type { z } from 'zod';
import { describeFieldErrors, parseWith } from '@fleet/contracts';
import { DomainError } from '@fleet/domain';

/** Validates an agent body at the edge; a bad body is a clear `error` naming each field, never a crash. */
export function parseAgentBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('BAD_REQUEST', 'request body must be a JSON object');
  }
  const parsed = parseWith(schema, body);
  if (!parsed.ok) throw new DomainError('BAD_REQUEST', `invalid request: ${describeFieldErrors(parsed.errors)}`);
  return parsed.value;
}
