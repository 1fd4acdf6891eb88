import type { DirectRequest } from '@fleet/platform';

/**
 * One route of osquery's TLS API: a POST under both `/api/osquery` and `/api/v1/osquery` (and `server.url_prefix`).
 * The handler gets the parsed body and the request, and answers the response body (status 200); whatever it throws
 * is answered as agentErrorReply says.
 */
export interface AgentRoute {
  /** The path after the API prefix, e.g. `distributed/read`. */
  readonly path: string;
  readonly handle: (body: unknown, req: DirectRequest) => Promise<object>;
}

/** A provider that contributes agent routes (AgentRouter registers them). */
export interface AgentRouteSource {
  agentRoutes(): readonly AgentRoute[];
}

/** Where osquery looks for the API: Fleet serves both prefixes. */
export const AGENT_API_PREFIXES = ['api/osquery', 'api/v1/osquery'] as const;
