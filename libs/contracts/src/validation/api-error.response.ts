import type { ErrorCode } from '@fleet/domain';
import { httpStatusForErrorCode } from '../agent/agent-error.response';
import type { FieldError } from './field-errors';

/**
 * Fleet's generic error body for admin routes: `{"message", "errors": [{"name", "reason"}], "uuid"}`.
 * Never use it on agent routes: it has no `error` key, so osquery would treat it as success and drop data.
 */
export interface ApiErrorBody {
  readonly message: string;
  readonly errors: readonly FieldError[];
  readonly uuid?: string;
}

export interface ApiErrorResponse {
  readonly statusCode: number;
  readonly body: ApiErrorBody;
}

export function apiErrorResponse(
  code: ErrorCode,
  message: string,
  errors: readonly FieldError[] = [],
  uuid?: string,
): ApiErrorResponse {
  const body: ApiErrorBody = {
    message,
    errors: errors.length > 0 ? errors : [{ name: 'base', reason: message }],
    ...(uuid === undefined ? {} : { uuid }),
  };
  return { statusCode: httpStatusForErrorCode(code), body };
}
