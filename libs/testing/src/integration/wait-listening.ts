import { connect } from 'node:net';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once `host:port` accepts a TCP connection: the moment a server (or a restarted one) can first take a
 * request, which can be well before its health check answers when thousands of clients connect at once and
 * queue ahead of the probe. `gaveUp` is asked between attempts and stops the wait (a child that exited).
 */
export async function waitListening(address: string, timeoutMs = 60_000, gaveUp: () => boolean = () => false): Promise<void> {
  const [host, port] = address.split(':');
  const deadline = Date.now() + timeoutMs;
  const attempt = (): Promise<boolean> => new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  while (!(await attempt())) {
    if (gaveUp()) throw new Error(`${address}: the process exited before it listened`);
    if (Date.now() > deadline) throw new Error(`${address} not listening after ${timeoutMs} ms`);
    await sleep(20);
  }
}
