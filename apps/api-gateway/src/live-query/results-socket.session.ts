import { AdminError, AdminErrorCode } from '@fleet/auth';
import type { Authenticator, Caller } from '@fleet/auth';
import type { Logger } from '@fleet/observability';
import type { CampaignService } from './campaign.service';
import type { CampaignStreamService, ResultsClient } from './campaign-stream.service';
import type { FleetMessage } from './campaign-message.mapper';
import type { ClientSink } from './client-buffer';

export interface SessionDeps {
  readonly authenticator: Authenticator;
  readonly campaigns: CampaignService;
  readonly streams: CampaignStreamService;
  readonly logger: Logger;
}

/** The client's websocket as the session uses it. */
export interface ResultsSocket extends ClientSink {
  send(msg: FleetMessage): void;
  close(code?: number, reason?: string): void;
}

/** Close code of a client dropped for not reading its results: 1013 "try again later" (it may reconnect). */
export const SLOW_CLIENT_CLOSE_CODE = 1013;

/** Fleet retries the campaign lookup for about 5 s, for replica lag between creation and selection. */
const FIND_TIMEOUT_MS = 5000;
const FIND_RETRY_MS = 100;

/**
 * One websocket client, in Fleet's order (fleet-admin-api.md §1.6): `auth` with the API token, then
 * `select_campaign`; then every entry of the campaign's stream from its beginning as `totals`, `status`,
 * `result` messages. Errors are sent as `{"type":"error","data":"..."}` and close the socket. Closing the
 * socket does not stop the campaign (unlike Fleet): the client may reconnect to another replica. A client that
 * stops reading is sent nothing more until its socket drains, and dropped (an error, then close 1013) when it
 * does not drain in time (CampaignStreamService).
 */
export class ResultsSocketSession {
  private state: 'auth' | 'select' | 'streaming' | 'closed' = 'auth';
  private caller: Caller | null = null;
  private readonly aborter = new AbortController();
  /** Messages are handled one after another: a client may send `select_campaign` before `auth` was checked. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SessionDeps,
    private readonly ip: string,
    private readonly socket: ResultsSocket,
  ) {}

  receive(text: string): void {
    this.queue = this.queue.then(() => this.handle(text)).catch((err: unknown) => {
      this.deps.logger.warn({ err: (err as Error).message }, 'live query websocket failed');
      this.fail('internal error');
    });
  }

  close(): void {
    this.state = 'closed';
    this.aborter.abort();
  }

  private async handle(text: string): Promise<void> {
    let msg: { type?: unknown; data?: Record<string, unknown> };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.fail('error unmarshaling message');
    }
    switch (this.state) {
      case 'auth': return this.auth(msg);
      case 'select': return this.select(msg);
      case 'streaming':
      case 'closed': return;
    }
  }

  private async auth(msg: { type?: unknown; data?: Record<string, unknown> }): Promise<void> {
    const token = msg.data?.['token'];
    if (msg.type !== 'auth' || typeof token !== 'string') return this.fail('unauthorized');
    try {
      this.caller = await this.deps.authenticator.authenticate(`Bearer ${token}`, this.ip);
      this.state = 'select';
    } catch {
      this.fail('unauthorized');
    }
  }

  private async select(msg: { type?: unknown; data?: Record<string, unknown> }): Promise<void> {
    if (msg.type !== 'select_campaign') return this.fail('expected select_campaign');
    const id = msg.data?.['campaign_id'];
    if (typeof id !== 'number' || !Number.isInteger(id)) return this.fail('error unmarshaling select_campaign data');
    if (id <= 0) return this.fail(`${id} is not a valid campaign ID`);
    this.state = 'streaming';
    if (!(await this.findOwn(id))) return;
    const outcome = await this.deps.streams.follow(id, '0-0', this.resultsClient());
    if (outcome === 'gone') this.socket.send({ type: 'error', data: `results of campaign ${id} are no longer available` });
  }

  private resultsClient(): ResultsClient {
    return {
      transport: 'websocket', ip: this.ip, signal: this.aborter.signal,
      buffered: () => this.socket.buffered(),
      onFlushed: (listener) => this.socket.onFlushed(listener),
      send: (_streamId, msg) => this.socket.send(msg),
      dropSlow: (reason) => {
        this.state = 'closed';
        this.aborter.abort();
        this.socket.send({ type: 'error', data: reason });
        this.socket.close(SLOW_CLIENT_CLOSE_CODE, reason);
      },
    };
  }

  /** The campaign, retried while it is not found yet; false after sending the error. */
  private async findOwn(id: number): Promise<boolean> {
    const deadline = Date.now() + FIND_TIMEOUT_MS;
    for (;;) {
      try {
        await this.deps.campaigns.ownCampaign(this.caller as Caller, id);
        return true;
      } catch (err) {
        const notFound = err instanceof AdminError && err.code === AdminErrorCode.NOT_FOUND;
        if (!notFound) { this.fail('forbidden'); return false; }
        if (Date.now() >= deadline) { this.fail(`timeout: cannot find campaign for ID ${id}`); return false; }
        if (this.state === 'closed') return false;
        await new Promise((r) => setTimeout(r, FIND_RETRY_MS));
      }
    }
  }

  private fail(reason: string): void {
    this.socket.send({ type: 'error', data: reason });
    this.state = 'closed';
    this.aborter.abort();
    this.socket.close();
  }
}
