import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Semaphore } from './semaphore';
import { SocketRotation } from './socket-rotation';
import type { AgentEndpoint, ResponseOutcome, SimulatorStats } from './simulator-stats';

const gzipAsync = promisify(gzip);

/** osquery's hard-coded per-request timeout (protocol §1.2). */
export const OSQUERY_REQUEST_TIMEOUT_MS = 16_000;

export interface AgentHttpClientOptions {
  /** `https://host:port` or `http://host:port`; requests only ever go to this origin. */
  readonly serverUrl: string;
  /** PEM of the CA that signed the server certificate (osquery's --tls_server_certs). */
  readonly caPem?: string;
  /** Skip certificate verification (osquery only allows this in debug builds). */
  readonly insecure?: boolean;
  /** Keep-alive sockets in the shared pool and the bound on in-flight requests. Default 64. */
  readonly connections?: number;
  readonly requestTimeoutMs?: number;
  readonly userAgent?: string;
  readonly stats?: SimulatorStats;
}

export interface AgentRequest {
  readonly endpoint: AgentEndpoint;
  /** Path below the server URL, e.g. `/api/v1/osquery/config`. */
  readonly path: string;
  /** Serialized as compact JSON in insertion order, like rapidjson. */
  readonly body: unknown;
  /** When set, sends `Authorization: NodeKey <key>` (osquery >= 5.23.0, §9.2). */
  readonly nodeKeyHeader?: string;
  /** gzip the body and send `Content-Encoding: gzip` (--logger_tls_compress, §4.1). */
  readonly gzip?: boolean;
}

export interface AgentResponse {
  readonly outcome: ResponseOutcome;
  readonly status: number;
  /** Parsed JSON object; `{}` for an empty body (§1.4.2) and for failures. */
  readonly body: Record<string, unknown>;
  /** Failure description in osquery's words (`Request failed: <error>`), empty on success. */
  readonly message: string;
}

/**
 * The TLS transport of one simulator run: one set of keep-alive sockets (SocketRotation, bounded) shared by every
 * simulated host. Responses are classified the way osquery's TLSRequestHelper does (§1.4): the HTTP status is
 * never consulted, only `node_invalid` and `error` in the body.
 */
export class AgentHttpClient {
  private readonly sockets: SocketRotation;
  private readonly basePath: string;
  private readonly gate: Semaphore;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(private readonly options: AgentHttpClientOptions) {
    const url = new URL(options.serverUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`unsupported server URL scheme: ${url.protocol}`);
    this.basePath = url.pathname.replace(/\/+$/, '');
    const connections = options.connections ?? 64;
    this.timeoutMs = options.requestTimeoutMs ?? OSQUERY_REQUEST_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? 'osquery/5.12.1';
    this.gate = new Semaphore(connections);
    const stats = options.stats;
    this.sockets = new SocketRotation({
      origin: url.origin,
      connections,
      timeoutMs: this.timeoutMs,
      connect: {
        rejectUnauthorized: options.insecure !== true,
        ...(options.caPem !== undefined ? { ca: options.caPem } : {}),
      },
      ...(stats ? { onConnect: () => void stats.connectionsOpened++, onDisconnect: () => void stats.connectionsClosed++ } : {}),
    });
  }

  async post(request: AgentRequest): Promise<AgentResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    if (request.gzip === true) headers['content-encoding'] = 'gzip';
    if (request.nodeKeyHeader !== undefined && request.nodeKeyHeader !== '') headers['authorization'] = `NodeKey ${request.nodeKeyHeader}`;
    // The body is serialised once a socket is free: a storm's thousands of waiting hosts hold no copies of it.
    await this.gate.acquire();
    let started = performance.now();
    let status = 0;
    let text = '';
    let outcome: ResponseOutcome;
    let body: Record<string, unknown> = {};
    let message = '';
    let bytesSent = 0;
    try {
      const json = JSON.stringify(request.body);
      const payload = request.gzip === true ? await gzipAsync(json, { level: 9 }) : json;
      bytesSent = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
      started = performance.now();
      const socket = this.sockets.take();
      try {
        const res = await socket.request({ method: 'POST', path: this.basePath + request.path, headers, body: payload });
        status = res.statusCode;
        text = await res.body.text();
      } finally {
        this.sockets.release(socket);
      }
      ({ outcome, body, message } = classify(text));
    } catch (err) {
      outcome = 'transport';
      message = `Request error: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.gate.release();
    }
    this.options.stats?.recordRequest(request.endpoint, {
      outcome, status, latencyMs: performance.now() - started, bytesSent, bytesReceived: Buffer.byteLength(text), message,
    });
    return { outcome, status, body, message };
  }

  async close(): Promise<void> {
    await this.sockets.close();
  }
}

function classify(text: string): { outcome: ResponseOutcome; body: Record<string, unknown>; message: string } {
  // An empty body is success with `{}` (added to osquery for servers that reply with nothing).
  if (text.trim() === '') return { outcome: 'ok', body: {}, message: '' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { outcome: 'non_json', body: {}, message: 'Cannot parse JSON response' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { outcome: 'non_json', body: {}, message: 'Response is not a JSON object' };
  }
  const body = parsed as Record<string, unknown>;
  const error = 'error' in body ? String(typeof body['error'] === 'string' ? body['error'] : JSON.stringify(body['error'])) : '';
  if (body['node_invalid'] === true) return { outcome: 'node_invalid', body, message: `Request failed: Invalid node key${error ? `: ${error}` : ''}` };
  if ('error' in body) return { outcome: 'error_body', body, message: `Request failed: ${error}` };
  return { outcome: 'ok', body, message: '' };
}
