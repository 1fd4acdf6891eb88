import { DomainError, ErrorCode } from '@fleet/domain';
import type { FieldError } from '@fleet/contracts';

/**
 * Codes the admin API needs beyond the shared ErrorCode set. The REST transport maps the union of both in
 * one exhaustive switch, so a new code here does not compile until it has an HTTP rendering.
 */
export const AdminErrorCode = {
  ...ErrorCode,
  /** No Authorization header (Fleet: 401 "Authorization header required"). */
  AUTH_HEADER_REQUIRED: 'AUTH_HEADER_REQUIRED',
  /** Login with a force_password_reset user outside the allowed routes. */
  PASSWORD_RESET_REQUIRED: 'PASSWORD_RESET_REQUIRED',
  /** Unique name or email taken (Fleet: 409 "Resource Already Exists"). */
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  /** Too many login attempts; details.retryAfterSeconds feeds the Retry-After header. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Fleet's numbered `fleet.Error` (422 with "code"), e.g. 2 = the last global admin cannot be removed. */
  FLEET_RULE: 'FLEET_RULE',
  /** A handler finished without deciding on permission (the backstop's verdict). */
  AUTHZ_CHECK_MISSING: 'AUTHZ_CHECK_MISSING',
} as const;
export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];

/** The admin services' error: a stable code, a message safe to show, optional field errors and details. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const forbidden = (): AdminError => new AdminError(AdminErrorCode.FORBIDDEN, 'forbidden');
export const notFound = (reason: string): AdminError => new AdminError(AdminErrorCode.NOT_FOUND, reason);
export const invalid = (name: string, reason: string): AdminError =>
  new AdminError(AdminErrorCode.VALIDATION_FAILED, 'Validation Failed', [{ name, reason }]);
export const badRequest = (reason: string): AdminError => new AdminError(AdminErrorCode.BAD_REQUEST, reason);
export const alreadyExists = (reason: string): AdminError => new AdminError(AdminErrorCode.ALREADY_EXISTS, reason);

/** Errors from other libraries keep their code. */
export function asAdminError(e: unknown): AdminError | null {
  if (e instanceof AdminError) return e;
  if (e instanceof DomainError) return new AdminError(e.code, e.message, [], e.details ?? {});
  return null;
}
