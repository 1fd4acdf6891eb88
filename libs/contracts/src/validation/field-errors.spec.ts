import { z } from 'zod';
import { distributedWriteRequestSchema } from '../agent/distributed.schema';
import { apiErrorResponse } from './api-error.response';
import { describeFieldErrors, parseWith, zodIssuesToFieldErrors } from './field-errors';

describe('field errors', () => {
  it('names each failing field by its path', () => {
    const result = distributedWriteRequestSchema.safeParse({ statuses: { q1: 'bad' }, queries: { q2: [5] } });
    expect(result.success).toBe(false);
    const errors = zodIssuesToFieldErrors(result.error!);
    expect(errors.map((e) => e.name).sort()).toEqual(['queries.q2.0', 'statuses.q1']);
    expect(describeFieldErrors(errors)).toContain('statuses.q1: ');
  });

  it('uses "base" for errors on the body itself', () => {
    const result = z.object({}).safeParse('nope');
    expect(zodIssuesToFieldErrors(result.error!)[0]?.name).toBe('base');
  });

  it('parseWith returns the value or the field errors', () => {
    expect(parseWith(z.object({ a: z.string() }), { a: 'x' })).toEqual({ ok: true, value: { a: 'x' } });
    const failed = parseWith(z.object({ a: z.string() }), {});
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.errors[0]?.name).toBe('a');
  });

  it('builds Fleet’s generic admin error body', () => {
    expect(apiErrorResponse('VALIDATION_FAILED', 'Validation Failed', [{ name: 'query', reason: 'required' }], 'u')).toEqual({
      statusCode: 422, body: { message: 'Validation Failed', errors: [{ name: 'query', reason: 'required' }], uuid: 'u' },
    });
    expect(apiErrorResponse('NOT_FOUND', 'Resource Not Found').body.errors).toEqual([{ name: 'base', reason: 'Resource Not Found' }]);
  });
});
