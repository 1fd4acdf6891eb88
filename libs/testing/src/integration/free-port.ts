import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP port nobody listens on right now (the kernel's pick), for a private server a test or benchmark starts. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
