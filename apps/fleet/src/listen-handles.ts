// Node built-ins only: the copier process runs this file without loading the server.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { isSea } from 'node:sea';

/**
 * Extra listening handles on the server's one socket. Since libuv 1.45 (Node 20.20 ships 1.46) a listening handle
 * accepts one connection per turn of the event loop, so a busy server takes a reconnect storm's sockets at about one
 * per turn: 1,000 agents coming back at once waited up to 7.9 s in the kernel's accept queue although every
 * handshake had completed within 0.56 s (bench/results/reliability-storm.md). Each extra handle is another
 * descriptor of the same socket and accepts one more connection per turn (bench/accept: the 1,000th of 1,000
 * accepted after 5.5 s with one handle, 1.5 s with eight). Node 20 cannot duplicate a descriptor itself, so a
 * copier process does it: it is sent the listening socket over IPC and sends it back, a new descriptor each time.
 * It receives the bare handle (never a listening server), so it cannot accept a connection itself.
 */

/** The hidden subcommand of `fleet` that runs `runListenCopier`. */
export const LISTEN_COPIER_COMMAND = '__listen-copier';

/** How long the copier may take to start and send its copies back before the server serves with one handle. */
const COPIER_TIMEOUT_MS = 15_000;

interface CopyRequest {
  readonly copies: number;
}

/** Sockets accepted by a duplicate handle, for the accepted-connections metric. */
const fromDuplicates = new WeakSet<net.Socket>();

/** Which handle accepted a connection of the server: its own or one added by addListenHandles. */
export function acceptedBy(socket: net.Socket): 'own' | 'duplicate' {
  return fromDuplicates.has(socket) ? 'duplicate' : 'own';
}

/** What net.Server and net.Socket keep to know a server's open connections (Node's own fields, unchanged since 0.x). */
type CountedServer = net.Server & { _connections: number };
type OwnedSocket = net.Socket & { server: net.Server; _server: net.Server };

/**
 * Makes a socket accepted by `copy` the server's own, as if the server's handle had accepted it: the server
 * counts it, so `server.close()` waits for it to end. Without this a graceful shutdown finished while requests on
 * duplicates' connections were still running, and the process exited under them.
 */
function rehome(socket: net.Socket, copy: net.Server, server: net.Server): void {
  (copy as CountedServer)._connections -= 1;
  (server as CountedServer)._connections += 1;
  const owned = socket as OwnedSocket;
  owned.server = server;
  owned._server = server;
}

/** A raw libuv TCP handle: what a listening net.Server holds and what IPC carries as a 'net.Native' handle. */
type TcpHandle = { close(callback?: () => void): void };

/** The copier's side: sends each handle it is given back `copies` times, closes its own and exits once the server lets go. */
export function runListenCopier(): void {
  process.on('message', (request: CopyRequest, handle: unknown) => {
    const raw = handle as TcpHandle;
    let left = request.copies;
    for (let i = 0; i < request.copies; i += 1) {
      process.send?.('copy', raw as unknown as net.Server, undefined, () => {
        left -= 1;
        if (left === 0) raw.close();
      });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Starts the copier: this same program (the `fleet` executable, or Node with its script) with the hidden subcommand. */
export function spawnListenCopier(): ChildProcess {
  const args = isSea() ? [LISTEN_COPIER_COMMAND] : [process.argv[1] ?? '', LISTEN_COPIER_COMMAND];
  return spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

export interface ListenHandles {
  /** Listening handles serving the socket, the server's own included. */
  readonly count: number;
  /**
   * Stops accepting on the extra handles (the server's own closes with the server). It does not wait for the
   * connections they accepted: those belong to the server, which closes them.
   */
  close(): void;
}

/**
 * Serves `server`'s listening socket through `extra` more handles, duplicated by `copier` (spawnListenCopier,
 * started early so it is ready when the server listens); connections accepted on them go to the server as its own.
 * Each handle listens with `backlog`, since listen() on a duplicate sets the socket's queue length for all of them.
 * The copier is let go either way; it rejects when the copier fails or times out.
 */
export async function addListenHandles(server: net.Server, copier: ChildProcess, extra: number, backlog: number): Promise<ListenHandles> {
  const own = (server as unknown as { _handle?: TcpHandle | null })._handle;
  if (!own) throw new Error('the server is not listening');
  const received: TcpHandle[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the listen copier sent ${received.length} of ${extra} handles within ${COPIER_TIMEOUT_MS} ms`)), COPIER_TIMEOUT_MS);
      const done = (err?: Error): void => {
        clearTimeout(timer);
        copier.off('message', onMessage);
        copier.off('exit', onExit);
        copier.off('error', done);
        if (err) reject(err);
        else resolve();
      };
      const onMessage = (_message: unknown, handle: unknown): void => {
        if (!handle) return;
        received.push(handle as TcpHandle);
        if (received.length === extra) done();
      };
      const onExit = (code: number | null, signal: string | null): void => done(new Error(`the listen copier exited (${signal ?? code}) after sending ${received.length} of ${extra} handles`));
      copier.on('message', onMessage);
      copier.on('exit', onExit);
      copier.on('error', done);
      copier.send({ copies: extra } satisfies CopyRequest, own as unknown as net.Server, undefined, (err) => {
        if (err) done(err);
      });
    });
  } catch (err) {
    for (const handle of received) handle.close();
    throw err;
  } finally {
    if (copier.connected) copier.disconnect();
  }
  const options = server as net.Server & net.ServerOpts;
  const servers = received.map((handle) => {
    const copy = new net.Server({
      allowHalfOpen: options.allowHalfOpen, pauseOnConnect: options.pauseOnConnect, noDelay: options.noDelay,
      keepAlive: options.keepAlive, keepAliveInitialDelay: options.keepAliveInitialDelay, highWaterMark: options.highWaterMark,
    });
    copy.on('connection', (socket: net.Socket) => {
      rehome(socket, copy, server);
      fromDuplicates.add(socket);
      server.emit('connection', socket);
    });
    copy.on('error', (err) => server.emit('error', err));
    copy.listen(handle, backlog);
    return copy;
  });
  return {
    count: servers.length + 1,
    close: () => {
      for (const s of servers) s.close();
    },
  };
}
