import type { ErrorCode } from '@fleet/domain';

/**
 * Failure body on agent routes. osquery ignores the HTTP status: only the presence of `error` makes it keep
 * and retry data, and `node_invalid: true` makes it drop its node key and re-enroll (protocol §1.4, §9.3).
 * `node_invalid` is a JSON boolean and is omitted rather than sent as false.
 */
export interface AgentErrorBody {
  readonly error: string;
  readonly node_invalid?: true;
  readonly uuid?: string;
}

export interface AgentErrorResponse {
  readonly statusCode: number;
  readonly body: AgentErrorBody;
}

export const MISSING_NODE_KEY_MESSAGE = 'authentication error: missing node key';
export const INVALID_NODE_KEY_MESSAGE = 'authentication error: invalid node key';

export function agentErrorBody(message: string, options: { nodeInvalid?: boolean; uuid?: string } = {}): AgentErrorBody {
  return {
    error: message,
    ...(options.nodeInvalid ? { node_invalid: true as const } : {}),
    ...(options.uuid === undefined ? {} : { uuid: options.uuid }),
  };
}

/** `{"error": "authentication error: invalid node key", "node_invalid": true}`: forces re-enrollment. */
export function nodeInvalidBody(message: string = INVALID_NODE_KEY_MESSAGE, uuid?: string): AgentErrorBody {
  return agentErrorBody(message, { nodeInvalid: true, ...(uuid === undefined ? {} : { uuid }) });
}

/** Success on config-less agent routes (log, distributed/write) is an empty object, never an empty body. */
export function agentSuccessBody(): Record<string, never> {
  return {};
}

/** Codes that must make the agent throw away its node key and enroll again. */
export function isNodeInvalidCode(code: ErrorCode): boolean {
  switch (code) {
    case 'NODE_INVALID':
    case 'HOST_NOT_FOUND':
    case 'ENROLL_SECRET_INVALID':
    case 'ENROLL_TOO_OFTEN':
      return true;
    case 'UNAUTHENTICATED':
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'BODY_TOO_LARGE':
    case 'DEPENDENCY_UNAVAILABLE':
    case 'LOG_DESTINATION_FAILED':
    case 'UNKNOWN_LOG_TYPE':
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'CONFLICT':
    case 'CARVE_INVALID':
    case 'CARVE_NOT_FOUND':
    case 'CARVE_BLOCK_INVALID':
    case 'LIVE_QUERY_DISABLED':
    case 'NO_HOSTS_TARGETED':
    case 'INTERNAL':
      return false;
  }
}

/**
 * HTTP status for a code, following Fleet where it has a rule: 401 for node-key and enroll failures, 413 when
 * a log destination refuses data (so the agent keeps it), 500 for dependency failures (the agent retries with
 * the same key). Agents only read the body; the status is for humans, proxies and metrics.
 */
export function httpStatusForErrorCode(code: ErrorCode): number {
  switch (code) {
    case 'NODE_INVALID':
    case 'HOST_NOT_FOUND':
    case 'ENROLL_SECRET_INVALID':
    case 'ENROLL_TOO_OFTEN':
    case 'UNAUTHENTICATED':
      return 401;
    case 'VALIDATION_FAILED':
      return 422;
    case 'BAD_REQUEST':
    case 'UNKNOWN_LOG_TYPE':
    case 'CARVE_INVALID':
    case 'CARVE_BLOCK_INVALID':
    case 'NO_HOSTS_TARGETED':
      return 400;
    case 'BODY_TOO_LARGE':
    case 'LOG_DESTINATION_FAILED':
      return 413;
    case 'NOT_FOUND':
    case 'CARVE_NOT_FOUND':
      return 404;
    case 'FORBIDDEN':
    case 'LIVE_QUERY_DISABLED':
      return 403;
    case 'CONFLICT':
      return 409;
    case 'DEPENDENCY_UNAVAILABLE':
    case 'INTERNAL':
      return 500;
  }
}

/** The one mapping from a domain error to an agent-route response; every failure carries `error`. */
export function agentErrorResponse(code: ErrorCode, message: string, uuid?: string): AgentErrorResponse {
  return {
    statusCode: httpStatusForErrorCode(code),
    body: agentErrorBody(message, { nodeInvalid: isNodeInvalidCode(code), ...(uuid === undefined ? {} : { uuid }) }),
  };
}
