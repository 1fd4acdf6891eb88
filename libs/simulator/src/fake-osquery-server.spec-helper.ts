import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
  /** What the server answered (a body with `error` means the agent must keep the data). */
  readonly reply: Reply;
}

type Reply = Record<string, unknown> | string;

/**
 * A minimal osquery TLS server (plain HTTP on 127.0.0.1, port 0) for unit tests: enrolls with one secret, knows the
 * keys it issued, and lets a test queue one-off replies per endpoint to exercise error handling.
 */
export class FakeOsqueryServer {
  readonly requests: RecordedRequest[] = [];
  readonly validKeys = new Set<string>();
  readonly overrides = new Map<string, Reply[]>();
  config: Record<string, unknown> = { options: {} };
  /** Full distributed/read bodies to hand out, one per read; `{queries: {}, discovery: {}}` once empty. */
  readonly reads: Array<Record<string, unknown>> = [];
  /** When set, decides the read body per node key (takes precedence over `reads`). */
  readFor: ((nodeKey: string) => Record<string, unknown> | undefined) | undefined;
  private server: Server | undefined;
  private keyCounter = 0;

  constructor(private readonly secret: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The next request to `endpoint` (e.g. `log`) gets `reply` instead of the normal answer. */
  queueReply(endpoint: string, reply: Reply): void {
    const list = this.overrides.get(endpoint) ?? [];
    list.push(reply);
    this.overrides.set(endpoint, list);
  }

  invalidateKeys(): void {
    this.validKeys.clear();
  }

  to(endpoint: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(`/${endpoint}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let raw = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const path = req.url ?? '';
    const endpoint = path.replace(/^\/api\/(v1\/)?osquery\//, '');
    const queued = this.overrides.get(endpoint)?.shift();
    const reply = queued ?? this.answer(endpoint, body);
    this.requests.push({ path, headers: req.headers, body, reply });
    res.writeHead(typeof reply === 'object' && ('node_invalid' in reply) ? 401 : 200, { 'content-type': 'application/json' });
    res.end(typeof reply === 'string' ? reply : JSON.stringify(reply));
  }

  private answer(endpoint: string, body: Record<string, unknown>): Record<string, unknown> {
    if (endpoint === 'enroll') {
      if (body['enroll_secret'] !== this.secret) return { error: 'enroll failed: invalid secret', node_invalid: true };
      const key = `key-${++this.keyCounter}`;
      this.validKeys.add(key);
      return { node_key: key };
    }
    if (endpoint === 'carve/block') return { success: true };
    if (!this.validKeys.has(String(body['node_key']))) return { error: 'authentication error: invalid node key', node_invalid: true };
    switch (endpoint) {
      case 'config':
        return this.config;
      case 'distributed/read':
        return this.readFor?.(String(body['node_key'])) ?? this.reads.shift() ?? { queries: {}, discovery: {} };
      case 'carve/begin':
        return { session_id: 'session-1', success: true };
      default:
        return {};
    }
  }
}

/** Polls `check` until it returns true (or fails the test after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
