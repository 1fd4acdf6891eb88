import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketRotation } from './socket-rotation';

describe('SocketRotation', () => {
  let server: Server;
  let origin: string;
  /** The client port of each request, in arrival order. */
  const ports: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const request = async (rotation: SocketRotation): Promise<void> => {
    const socket = rotation.take();
    try {
      const res = await socket.request({ method: 'POST', path: '/', body: '{}' });
      await res.body.text();
    } finally {
      rotation.release(socket);
    }
  };

  it('opens sockets only when none is idle, then sends each request on the socket idle longest', async () => {
    ports.length = 0;
    let opened = 0;
    const rotation = new SocketRotation({ origin, connections: 8, timeoutMs: 5000, connect: {}, onConnect: () => void opened++ });
    // Three at once open three sockets; what follows one at a time goes round those three in turn.
    await Promise.all([request(rotation), request(rotation), request(rotation)]);
    for (let i = 0; i < 9; i++) await request(rotation);
    await rotation.close();
    expect(opened).toBe(3);
    const first = ports.slice(0, 3);
    expect(new Set(first).size).toBe(3);
    const after = ports.slice(3);
    expect(after).toEqual([...after.slice(0, 3), ...after.slice(0, 3), ...after.slice(0, 3)]);
    expect(new Set(after.slice(0, 3))).toEqual(new Set(first));
  });

  it('refuses more requests in flight than sockets', async () => {
    const rotation = new SocketRotation({ origin, connections: 2, timeoutMs: 5000, connect: {} });
    rotation.take();
    rotation.take();
    expect(() => rotation.take()).toThrow('more than 2 requests in flight');
    await rotation.close();
  });
});
