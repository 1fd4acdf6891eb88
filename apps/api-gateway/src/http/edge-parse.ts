import type { z } from 'zod';
import { AdminError, AdminErrorCode } from '@fleet/auth';
import { zodIssuesToFieldErrors } from '@fleet/contracts';

const EDGE = Symbol('edge');

/** Input errors found before any service ran; the authorization backstop lets these through. */
export function isEdgeError(e: unknown): boolean {
  return e instanceof AdminError && (e as unknown as Record<symbol, unknown>)[EDGE] === true;
}

function edge(e: AdminError): AdminError {
  (e as unknown as Record<symbol, unknown>)[EDGE] = true;
  return e;
}

/** A JSON body: 422 "Validation Failed" with one entry per bad field (Fleet's InvalidArgumentError). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  throw edge(new AdminError(AdminErrorCode.VALIDATION_FAILED, 'Validation Failed', zodIssuesToFieldErrors(r.error)));
}

/** Query string or path parameters: 400 "Bad request" with the first reason (Fleet's badRequest). */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const r = schema.safeParse(query ?? {});
  if (r.success) return r.data;
  throw edge(new AdminError(AdminErrorCode.BAD_REQUEST, r.error.issues[0]?.message ?? 'Bad request'));
}

/** A numeric path id; anything else is 400 as Fleet's router answers. */
export function parseId(value: string): number {
  if (!/^\d+$/.test(value)) throw edge(new AdminError(AdminErrorCode.BAD_REQUEST, `invalid id: ${value}`));
  return Number(value);
}
