import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { NetworkNamespace } from './network-namespace';
import type { VethLink } from './network-namespace';
import { TcpProxy } from './tcp-proxy';

/** An echo server: what a process inside the namespace talks to across a link. */
async function echoServer(host: string): Promise<Server> {
  const server = createServer((s) => {
    s.on('error', () => s.destroy());
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return server;
}

/** Closes the server without waiting for connections a partition left half-open. */
async function closeAll(server: Server): Promise<void> {
  const done = new Promise<void>((r) => server.close(() => r()));
  server.unref();
  await Promise.race([done, new Promise((r) => setTimeout(r, 100))]);
}

/** Runs a client inside the namespace: connects, sends "ping", prints "ok <ms>" on the echo or "fail <reason>" after `timeoutMs`. */
function pingFrom(ns: NetworkNamespace, host: string, port: number, timeoutMs: number): Promise<string> {
  const script = `const s=require('net').connect(${port},'${host}');const t0=Date.now();`
    + `const f=(m)=>{console.log(m);process.exit(0)};setTimeout(()=>f('fail timeout'),${timeoutMs});`
    + `s.on('connect',()=>s.write('ping'));s.on('data',()=>f('ok '+(Date.now()-t0)));s.on('error',(e)=>f('fail '+e.code));`;
  const child = ns.spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', () => resolve(out.trim())));
}

const skip = NetworkNamespace.unavailable();

(skip ? describe.skip : describe)('NetworkNamespace', () => {
  let ns: NetworkNamespace;
  let link: VethLink;
  let echo: Server;

  beforeAll(async () => {
    ns = NetworkNamespace.create('fleet-nstest');
    link = ns.addLink('dep');
    echo = await echoServer(link.hostAddress);
  });
  afterAll(async () => {
    ns.destroy();
    await closeAll(echo);
  });

  it('reaches the root namespace across the link, loses it while partitioned and gets it back when healed', async () => {
    const port = (echo.address() as AddressInfo).port;
    expect(await pingFrom(ns, link.hostAddress, port, 3000)).toMatch(/^ok /);
    const how = ns.partition(link);
    expect(how).toMatch(/netem|nftables/);
    // A partition drops packets: the connection neither succeeds nor is refused, it times out.
    expect(await pingFrom(ns, link.hostAddress, port, 1500)).toBe('fail timeout');
    ns.heal(link);
    expect(await pingFrom(ns, link.hostAddress, port, 3000)).toMatch(/^ok /);
  });

  it('drops a share of packets under partial loss yet TCP still gets through', async () => {
    ns.impair(link, { lossPercent: 30 });
    const port = (echo.address() as AddressInfo).port;
    const results = await Promise.all(Array.from({ length: 5 }, () => pingFrom(ns, link.hostAddress, port, 15_000)));
    ns.heal(link);
    expect(results.filter((r) => r.startsWith('ok')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('TcpProxy delay', () => {
  it('holds every chunk for delayMs in each direction, in order', async () => {
    const echo = await echoServer('127.0.0.1');
    const proxy = new TcpProxy('127.0.0.1', (echo.address() as AddressInfo).port);
    await proxy.open();
    proxy.delayMs = 150;
    const { connect } = await import('node:net');
    const s = connect(proxy.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    const t0 = Date.now();
    let got = '';
    const done = new Promise<void>((r) => s.on('data', (d: Buffer) => { got += d.toString(); if (got.length >= 6) r(); }));
    s.write('ab');
    s.write('cd');
    s.write('ef');
    await done;
    expect(got).toBe('abcdef');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    s.destroy();
    await proxy.cut();
    await closeAll(echo);
  });
});
