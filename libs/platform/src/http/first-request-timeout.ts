import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Closes a connection that has sent nothing within `timeoutMs` of opening (after the TLS handshake on an
 * HTTPS server). Node's own header and request timeouts start with a request, so a client that connects and
 * stays silent would otherwise hold a socket forever; keep-alive connections between requests are bounded by
 * the keep-alive timeout instead. 0 turns it off.
 */
export function closeSilentConnections(server: Server, timeoutMs: number, secure: boolean): void {
  if (timeoutMs <= 0) return;
  const guard = (socket: Socket): void => {
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    socket.once('data', clear);
    socket.once('close', clear);
  };
  server.on(secure ? 'secureConnection' : 'connection', guard);
}
