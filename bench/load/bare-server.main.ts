/**
 * The baseline: a bare Fastify server answering every agent route with the smallest valid osquery response
 * (no auth, no database, no Redis). Loaded by the same simulator at the same host count, it shows what this
 * machine can do with Node's HTTP stack alone, so fleet's figures can be read as a ratio of it.
 * Argument: port.
 */
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 8090);
const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
let keys = 0;

// Compressed /log bodies arrive as Content-Encoding: gzip; the baseline reads them as raw bytes and ignores them.
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

for (const prefix of ['/api/osquery', '/api/v1/osquery']) {
  app.post(`${prefix}/enroll`, () => ({ node_key: `bare-${++keys}`, node_invalid: false }));
  app.post(`${prefix}/config`, () => ({ schedule: {}, options: {} }));
  app.post(`${prefix}/distributed/read`, () => ({ queries: {}, discovery: {} }));
  app.post(`${prefix}/distributed/write`, () => ({}));
  app.post(`${prefix}/log`, () => ({}));
}
app.get('/healthz', () => ({ ok: true }));

app.listen({ host: '127.0.0.1', port }).catch((err: unknown) => {
  process.stderr.write(`bare server: ${String(err)}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
