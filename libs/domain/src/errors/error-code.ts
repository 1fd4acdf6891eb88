/**
 * Stable error codes. Transports (agent API, admin REST, stream, job) map each code in one exhaustive switch,
 * so adding a code here is a compile error until every transport decides how to render it.
 */
export const ErrorCode = {
  /** Node key missing or unknown; agents must re-enroll (osquery reacts to `node_invalid: true`). */
  NODE_INVALID: 'NODE_INVALID',
  /** Enroll secret matches no team and no global secret. */
  ENROLL_SECRET_INVALID: 'ENROLL_SECRET_INVALID',
  /** Host re-enrolled within `osquery.enroll_cooldown` (duplicate identifier protection). */
  ENROLL_TOO_OFTEN: 'ENROLL_TOO_OFTEN',
  HOST_NOT_FOUND: 'HOST_NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** MySQL, Redis or a log destination is unreachable; agents should retry with the same data. */
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  /** A result/status log destination refused the batch (Fleet answers 413 so osquery keeps the lines). */
  LOG_DESTINATION_FAILED: 'LOG_DESTINATION_FAILED',
  UNKNOWN_LOG_TYPE: 'UNKNOWN_LOG_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  /** Carve begin sizes are inconsistent or exceed limits. */
  CARVE_INVALID: 'CARVE_INVALID',
  /** Carve session unknown, request_id mismatch, or the carve expired. */
  CARVE_NOT_FOUND: 'CARVE_NOT_FOUND',
  /** Block out of sequence or larger than the declared block size. */
  CARVE_BLOCK_INVALID: 'CARVE_BLOCK_INVALID',
  LIVE_QUERY_DISABLED: 'LIVE_QUERY_DISABLED',
  NO_HOSTS_TARGETED: 'NO_HOSTS_TARGETED',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ALL_ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);
