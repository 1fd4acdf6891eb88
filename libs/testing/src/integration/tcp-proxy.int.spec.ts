import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { eventually } from './eventually';
import { TcpProxy } from './tcp-proxy';

describe('TcpProxy', () => {
  it('closes the upstream connection when its client is reset, as a killed server\'s kernel does', async () => {
    const upstream = new Set<Socket>();
    let upstreamClosed = 0;
    const target = createServer((s: Socket) => {
      upstream.add(s);
      s.on('close', () => upstreamClosed++);
      s.on('error', () => undefined);
      // Answers the client never reads, as a server killed with replies in its receive buffer.
      s.on('data', () => s.write(Buffer.alloc(64 * 1024)));
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    const proxy = new TcpProxy('127.0.0.1', (target.address() as AddressInfo).port);
    await proxy.open();
    try {
      const client = connect(proxy.port, '127.0.0.1');
      await new Promise((r) => client.once('connect', r));
      client.pause();
      client.write('query');
      await eventually('the proxy to connect upstream', () => upstream.size, (n) => n === 1, 5000, 10);
      client.resetAndDestroy();
      await eventually('the upstream connection to close', () => upstreamClosed, (n) => n === 1, 5000, 10);
      await eventually('the proxy to hold no socket', () => proxy.openSockets, (n) => n === 0, 5000, 10);
    } finally {
      await proxy.cut();
      for (const s of upstream) s.destroy();
      await new Promise<void>((r) => target.close(() => r()));
    }
  });
});
