// `node tools/build.js && node dist/bench/accept/accept-rate.bench.js [--out bench/results]`
//
// How fast a busy Node process accepts connections, with one listening handle and with several handles on the same
// listening socket. Since libuv 1.45 (Node 20.20 ships 1.46) a listening handle accepts one connection per poll of
// the event loop, so a server whose every turn is busy takes new connections at about one per turn: in the storm
// benchmark, the 1,000th of 1,000 agent sockets was accepted 7.9 s after the first although the kernel had finished
// every handshake in 0.56 s. Extra handles are duplicates of the listening socket's descriptor, obtained by sending
// the server to a child process over IPC and back (each transfer is a new descriptor); each handle accepts once per
// turn. This measures the idea in isolation; `fleet serve` does it with `server.listen_handles` (apps/fleet/src/listen-handles.ts).
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { machineFacts, table, writeResults } from '../reliability/support/results';

const CONNECTIONS = 1000;
/** CPU work per turn of the busy loop, ms. */
const TURN_MS = 5;
const HANDLE_COUNTS = [1, 2, 4, 8];

interface Trial {
  readonly handles: number;
  readonly msToAccepted: { readonly n100: number; readonly n500: number; readonly n1000: number };
}

const spin = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/** The child: sends the server it was given back `count` times, then lets go of its own copy. */
function duplicator(): void {
  process.on('message', (message: { count: number }, handle: net.Server) => {
    let left = message.count;
    for (let i = 0; i < message.count; i += 1) {
      process.send?.('dup', handle, () => {
        left -= 1;
        if (left === 0) handle.close(() => process.exit(0));
      });
    }
  });
}

/** The client: opens `CONNECTIONS` sockets to the port at once; they keep it running until it is killed. */
function connector(port: number): void {
  for (let i = 0; i < CONNECTIONS; i += 1) net.connect(port, '127.0.0.1');
}

async function duplicates(server: net.Server, count: number): Promise<net.Server[]> {
  if (count === 0) return [];
  const child = fork(__filename, ['duplicator'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const got: net.Server[] = [];
  await new Promise<void>((resolve) => {
    child.on('message', (_m, handle) => {
      got.push(handle as net.Server);
      if (got.length === count) resolve();
    });
    child.send({ count }, server);
  });
  return got;
}

async function trial(handles: number): Promise<Trial> {
  const accepted: number[] = [];
  const held: net.Socket[] = [];
  const onConnection = (socket: net.Socket): void => {
    accepted.push(performance.now());
    held.push(socket);
  };
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const extra = await duplicates(server, handles - 1);
  for (const s of extra) s.on('connection', onConnection);
  let busy = true;
  const turn = (): void => {
    if (!busy) return;
    spin(TURN_MS);
    setImmediate(turn);
  };
  turn();
  const started = performance.now();
  const client: ChildProcess = fork(__filename, ['connector', String((server.address() as net.AddressInfo).port)], { stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (accepted.length < CONNECTIONS) return;
      clearInterval(check);
      resolve();
    }, 10);
  });
  busy = false;
  client.kill();
  for (const socket of held) socket.destroy();
  await Promise.all([server, ...extra].map((s) => new Promise((resolve) => s.close(resolve))));
  accepted.sort((a, b) => a - b);
  const at = (n: number): number => Math.round((accepted[n - 1] ?? 0) - started);
  return { handles, msToAccepted: { n100: at(100), n500: at(500), n1000: at(CONNECTIONS) } };
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex > 0 ? (process.argv[outIndex + 1] ?? '') : path.join(__dirname, '..', '..', '..', 'bench', 'results');
  const machine = machineFacts();
  const trials: Trial[] = [];
  for (const handles of HANDLE_COUNTS) {
    const t = await trial(handles);
    trials.push(t);
    process.stdout.write(`[accept] ${handles} handle(s): 100th at ${t.msToAccepted.n100} ms, 500th at ${t.msToAccepted.n500} ms, 1000th at ${t.msToAccepted.n1000} ms\n`);
  }
  const markdown = [
    '# Accept rate of a busy Node process',
    '',
    `Command: \`node dist/bench/accept/accept-rate.bench.js\`  `,
    `Machine: \`${JSON.stringify(machine)}\``,
    '',
    `A server whose event loop does ${TURN_MS} ms of work every turn; a client process opens ${CONNECTIONS} connections at once. With more than one handle, the`,
    'listening socket is also served through duplicates of its descriptor (the server sent to a child over IPC and back). Times are from the',
    'client\'s start to the server\'s `connection` event.',
    '',
    table(['listening handles', '100th accepted, ms', '500th accepted, ms', `${CONNECTIONS}th accepted, ms`], trials.map((t) => [t.handles, t.msToAccepted.n100, t.msToAccepted.n500, t.msToAccepted.n1000])),
  ].join('\n');
  for (const f of writeResults(out, 'accept-rate', { machine, turnMs: TURN_MS, connections: CONNECTIONS, trials }, markdown)) process.stdout.write(`[accept] wrote ${f}\n`);
}

const role = process.argv[2];
if (role === 'duplicator') duplicator();
else if (role === 'connector') connector(Number(process.argv[3]));
else {
  main().then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
