import type { z } from 'zod';

/** Fleet's error entry shape: `{"name": "<field path or base>", "reason": "..."}`. */
export interface FieldError {
  readonly name: string;
  readonly reason: string;
}

/** One entry per zod issue; the name is the dotted path of the offending field, or "base" for the body. */
export function zodIssuesToFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    name: issue.path.length > 0 ? issue.path.map(String).join('.') : 'base',
    reason: issue.message,
  }));
}

/** A single line suitable for an agent `error` string, e.g. "statuses.q1: expected an integer". */
export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.name}: ${e.reason}`).join('; ');
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

/** safeParse with the error already turned into field errors, for controllers. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: zodIssuesToFieldErrors(result.error) };
}
