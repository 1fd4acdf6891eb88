import { AdminErrorCode } from '@fleet/auth';
import type { AdminError } from '@fleet/auth';
import type { FieldError } from '@fleet/contracts';

export interface HttpRendering {
  readonly status: number;
  readonly message: string;
  readonly errors: readonly FieldError[];
  readonly code?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const base = (reason: string): FieldError[] => [{ name: 'base', reason }];

/**
 * The one place admin error codes become HTTP (fleet-admin-api.md §1.0 error table). Exhaustive: a new
 * code fails to compile until it is rendered here.
 */
export function renderAdminError(e: AdminError): HttpRendering {
  switch (e.code) {
    case AdminErrorCode.VALIDATION_FAILED:
      return { status: 422, message: 'Validation Failed', errors: e.fieldErrors.length ? e.fieldErrors : base(e.message) };
    case AdminErrorCode.BAD_REQUEST:
    case AdminErrorCode.NO_HOSTS_TARGETED:
      return { status: 400, message: 'Bad request', errors: base(e.message) };
    case AdminErrorCode.FORBIDDEN:
    case AdminErrorCode.AUTHZ_CHECK_MISSING:
      return { status: 403, message: 'forbidden', errors: base('forbidden') };
    case AdminErrorCode.NOT_FOUND:
    case AdminErrorCode.HOST_NOT_FOUND:
    case AdminErrorCode.CARVE_NOT_FOUND:
      return { status: 404, message: 'Resource Not Found', errors: base(e.message) };
    case AdminErrorCode.ALREADY_EXISTS:
      return { status: 409, message: 'Resource Already Exists', errors: base(e.message) };
    case AdminErrorCode.CONFLICT:
      return { status: 409, message: 'Conflict', errors: base(e.message) };
    case AdminErrorCode.UNAUTHENTICATED:
    case AdminErrorCode.NODE_INVALID:
      return { status: 401, message: 'Authentication failed', errors: base('Authentication failed') };
    case AdminErrorCode.AUTH_HEADER_REQUIRED:
      return { status: 401, message: 'Authorization header required', errors: base('Authorization header required') };
    case AdminErrorCode.PASSWORD_RESET_REQUIRED:
      return { status: 401, message: 'password reset required', errors: base('password reset required') };
    case AdminErrorCode.RATE_LIMITED:
      return { status: 429, message: e.message, errors: base(e.message),
        headers: { 'Retry-After': String(Number(e.details['retryAfterSeconds'] ?? 60)) } };
    case AdminErrorCode.FLEET_RULE:
      return { status: 422, message: e.message, errors: base(e.message), code: Number(e.details['fleetCode'] ?? 0) };
    case AdminErrorCode.BODY_TOO_LARGE:
      return { status: 413, message: e.message, errors: base(e.message) };
    case AdminErrorCode.LIVE_QUERY_DISABLED:
      return { status: 403, message: 'forbidden', errors: base(e.message) };
    case AdminErrorCode.ENROLL_SECRET_INVALID:
    case AdminErrorCode.ENROLL_TOO_OFTEN:
    case AdminErrorCode.CARVE_INVALID:
    case AdminErrorCode.CARVE_BLOCK_INVALID:
    case AdminErrorCode.UNKNOWN_LOG_TYPE:
      return { status: 422, message: 'Validation Failed', errors: base(e.message) };
    case AdminErrorCode.DEPENDENCY_UNAVAILABLE:
    case AdminErrorCode.LOG_DESTINATION_FAILED:
    case AdminErrorCode.INTERNAL:
      return { status: 500, message: 'Unknown Error', errors: base(e.message) };
  }
}
