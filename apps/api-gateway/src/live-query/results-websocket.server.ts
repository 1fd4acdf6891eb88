import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { Authenticator } from '@fleet/auth';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import type { Logger } from '@fleet/observability';
import { LOGGER, clientIpResolver } from '@fleet/platform';
import { CampaignService } from './campaign.service';
import { CampaignStreamService } from './campaign-stream.service';
import { ResultsSocketSession } from './results-socket.session';
import type { ResultsSocket } from './results-socket.session';
import { turnWrites } from './turn-writes';

/** Fleet mounts the raw websocket under every API prefix (fleet-admin-api.md §1.6). */
const PATH = /^\/api\/(v1|latest|2022-04)\/fleet\/results\/websocket\/?$/;
/** Fleet's maximum client message size. */
const MAX_CLIENT_MESSAGE = 8096;

/**
 * A browser page from another site must not open a socket with the user's credentials: an `Origin` header,
 * when present, must name this host (programs such as fleetctl send none). Fleet's rule, switched off by
 * `server.websockets_allow_unsafe_origin`.
 */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host.toLowerCase() === (host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/**
 * A `ws` socket as the session sees it: how much is queued and unsent (`bufferedAmount`), with a flush notice
 * from every send's write callback (it runs once the frame left for the kernel) and from the close.
 */
function resultsSocket(ws: WebSocket, socket: Duplex): ResultsSocket {
  const listeners = new Set<() => void>();
  const batch = turnWrites(socket);
  const flushed = (): void => { for (const listener of [...listeners]) listener(); };
  ws.on('close', flushed);
  return {
    buffered: () => ws.bufferedAmount,
    onFlushed: (listener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    send: (msg) => {
      if (ws.readyState !== ws.OPEN) return;
      batch();
      ws.send(JSON.stringify(msg), () => flushed());
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

/**
 * The results websocket, on the HTTP server Fastify listens with (`ws` in noServer mode on its 'upgrade'
 * event; @fastify/websocket is not a dependency). Each connection runs a ResultsSocketSession.
 */
@Injectable()
export class ResultsWebSocketServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE });
  private server: Server | undefined;
  private readonly clientIp: ReturnType<typeof clientIpResolver>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    private readonly campaigns: CampaignService,
    private readonly streams: CampaignStreamService,
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.clientIp = clientIpResolver(config.server.trusted_proxies);
  }

  onApplicationBootstrap(): void {
    this.server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.server.on('upgrade', this.onUpgrade);
  }

  onApplicationShutdown(): void {
    this.server?.off('upgrade', this.onUpgrade);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (req.url ?? '').split('?')[0];
    if (!PATH.test(path)) {
      // Nobody else upgrades on this server: refuse rather than leave the socket hanging.
      if (this.server && this.server.listenerCount('upgrade') <= 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!this.config.server.websockets_allow_unsafe_origin && !originAllowed(req.headers.origin, req.headers.host)) {
      this.logger.warn({ origin: req.headers.origin, host: req.headers.host }, 'live query: websocket refused for a foreign Origin');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const session = new ResultsSocketSession(
        { authenticator: this.authenticator, campaigns: this.campaigns, streams: this.streams, logger: this.logger },
        this.clientIp(req.headers, req.socket.remoteAddress), resultsSocket(ws, socket));
      ws.on('message', (data: Buffer) => session.receive(data.toString()));
      ws.on('close', () => session.close());
      ws.on('error', () => session.close());
    });
  };
}
