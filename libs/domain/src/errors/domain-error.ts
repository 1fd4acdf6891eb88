import type { ErrorCode } from './error-code';

export type DomainErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The only error type services throw on purpose. `code` is stable and drives the transport mapping;
 * `message` is safe to show to the caller (never contains secrets); `details` carries structured context
 * such as field errors.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
  ) {
    super(message);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
