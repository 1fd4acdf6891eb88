import { RedisServerProcess, createDatabase, ENROLL_SECRET, freePort, logPath, sleep, startServer, waitListening } from '@fleet/testing';
import type { FleetServer, ServerOptions } from '@fleet/testing';
import { SimControl } from '../../load/processes';
import type { EndpointWindow, SimWindow } from '../../load/sim-protocol';

export interface StormOptions {
  readonly fleetMain: string;
  readonly runDir: string;
  readonly hosts: number;
  /** Simulator sockets: the bound on requests in flight at once. */
  readonly connections: number;
  /** The server's `server.listen_handles`; its default when absent. */
  readonly listenHandles?: number;
  readonly distributedIntervalSec: number;
  /** Measurement window after the reconnect. */
  readonly reconnectWindowMs: number;
  readonly log: (line: string) => void;
}

export interface StormPhase {
  readonly seconds: number;
  readonly hostsEnrolled: number;
  readonly total: EndpointWindow;
  readonly endpoints: SimWindow['endpoints'];
  /** Sent before the phase began (during the restart, for the reconnect) and answered in it; not in the figures. */
  readonly carriedOver: SimWindow['carriedOver'];
  readonly simulatorLoop: SimWindow['simulatorLoop'];
  readonly connections: SimWindow['connections'];
}

export interface StormResult {
  readonly hosts: number;
  readonly connections: number;
  readonly listenHandles: number | 'default';
  /** Every host enrolls at once (no ramp; the simulator boots them 100 per turn of its event loop), then fetches its config and checks in. */
  readonly enrollStorm: StormPhase & { readonly msToAllEnrolled: number | null };
  /**
   * The server is restarted under the enrolled fleet; every agent comes back at once with its node key. The
   * phase starts when the new server listens (`listeningMs` after the kill); `restartMs` is kill to healthy.
   */
  readonly reconnectStorm: StormPhase & { readonly listeningMs: number; readonly restartMs: number; readonly reenrolled: number };
  readonly serverRssMb: { readonly afterEnroll: number | null; readonly afterReconnect: number | null };
  readonly durationSec: number;
}

const phase = (w: SimWindow): StormPhase => ({ seconds: Math.round(w.seconds * 10) / 10, hostsEnrolled: w.hostsEnrolled, total: w.total, endpoints: w.endpoints, carriedOver: w.carriedOver, simulatorLoop: w.simulatorLoop, connections: w.connections });

/**
 * An enroll storm and a reconnect storm: `hosts` simulated agents (in a child process, so their CPU never stalls
 * the server's event loop) start together against a fresh `fleet serve`; once all are enrolled the
 * server is killed and started again, and every agent reconnects at once. Errors, node_invalid and latency are
 * measured per phase from the agents' side; the reconnect window starts when the new server is healthy.
 */
export async function runStorm(o: StormOptions): Promise<StormResult> {
  const started = Date.now();
  const redis = new RedisServerProcess();
  await redis.start();
  const db = await createDatabase(o.fleetMain, 'storm', redis.address);
  const options: ServerOptions = { fleetMain: o.fleetMain, flags: o.listenHandles === undefined ? {} : { server_listen_handles: String(o.listenHandles) }, env: db.env, listen: `127.0.0.1:${await freePort()}`, logFile: logPath(o.runDir, 'storm-server'), nodeArgs: ['--max-old-space-size=4096'] };
  let server: FleetServer | undefined;
  let sim: SimControl | undefined;
  try {
    server = await startServer(options);
    sim = new SimControl({ serverUrl: server.url, enrollSecret: ENROLL_SECRET, distributedIntervalSec: o.distributedIntervalSec, connections: o.connections });
    // The hosts are built first and started together: 10,000 machines exist before their data centre reboots,
    // and building them is the simulator's work, which must not land in the storm it measures.
    await sim.add(o.hosts, 0, false);
    await sim.window();
    const t0 = Date.now();
    await sim.start();
    // Counted in MySQL, so the agents' window covers the whole phase and its percentiles are exact.
    let allAt: number | null = null;
    while (Date.now() - t0 < 180_000) {
      const [rows] = await db.mysql.query('SELECT COUNT(*) AS n FROM hosts');
      if (Number((rows as Array<{ n: number }>)[0]?.n) >= o.hosts) {
        allAt = Date.now() - t0;
        break;
      }
      await sleep(250);
    }
    // One more distributed interval, so every host's first check-in lands in the enroll phase.
    await sleep(o.distributedIntervalSec * 1000);
    const enroll = await sim.window();
    o.log(`[storm] ${enroll.hostsEnrolled} of ${o.hosts} enrolled in ${allAt} ms; ${enroll.total.requests} requests, ${enroll.total.errors} errors, p99 ${enroll.total.latencyMs.p99} ms`);
    const afterEnroll = server.rssMb() ?? null;

    // SIGKILL, as a crash or an OOM kill: every agent connection drops at once and every request in the gap
    // is refused at once. The phase starts when the new server listens, not when /healthz first answers: the
    // agents reconnect from that moment, and the probe's new connection then waits in the accept queue behind
    // theirs (seconds in a storm: Node 20's libuv accepts one connection per event-loop turn), so starting at
    // healthy left the storm itself out of the window whenever the probe lost that race.
    const r0 = Date.now();
    await server.stop('SIGKILL');
    let listeningMs = 0;
    const listening = waitListening(options.listen).then(async () => {
      listeningMs = Date.now() - r0;
      await sim?.window();
    });
    // Awaited below; if the server fails to start, that error is the one reported.
    listening.catch(() => undefined);
    server = await startServer(options);
    const restartMs = Date.now() - r0;
    await listening;
    await sleep(Math.max(0, o.reconnectWindowMs - (Date.now() - r0 - listeningMs)));
    const reconnect = await sim.window();
    o.log(`[storm] reconnect after a restart listening in ${listeningMs} ms (healthy in ${restartMs} ms): ${reconnect.total.requests} requests, ${reconnect.total.errors} errors, ${reconnect.total.nodeInvalid} node_invalid, p99 ${reconnect.total.latencyMs.p99} ms`);
    const reenrolled = reconnect.endpoints.enroll?.requests ?? 0;
    return {
      hosts: o.hosts, connections: o.connections, listenHandles: o.listenHandles ?? 'default',
      enrollStorm: { ...phase(enroll), msToAllEnrolled: allAt },
      reconnectStorm: { ...phase(reconnect), listeningMs, restartMs, reenrolled },
      serverRssMb: { afterEnroll, afterReconnect: server.rssMb() ?? null }, durationSec: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await sim?.stop().catch(() => undefined);
    await server?.stop();
    await db.drop();
    await redis.stop();
  }
}
