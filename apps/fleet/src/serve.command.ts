import type { Socket } from 'node:net';
import type { FleetConfig } from '@fleet/config';
import { createRedis, redisReady } from '@fleet/messaging';
import { createLogger, MetricsRegistry } from '@fleet/observability';
import type { Logger, Tracing } from '@fleet/observability';
import { migrationStatus } from '@fleet/persistence';
import { createFleetApp, ensureDevCertificate, listenAddress } from '@fleet/platform';
import { connectDatabase } from './database';
import { devBootstrap } from './dev-bootstrap';
import { acceptedBy, addListenHandles, spawnListenCopier } from './listen-handles';
import type { ListenHandles } from './listen-handles';
import { bodyLimits, parseRoles, roleModules } from './roles';

/** Pending connections the listening socket queues (capped by the kernel's net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

export interface ServeOptions {
  readonly role?: string;
  readonly dev: boolean;
  readonly tracing: Tracing;
}

async function tlsFiles(config: FleetConfig, dev: boolean, logger: Logger): Promise<{ certPath: string; keyPath: string } | undefined> {
  if (!config.server.tls) return undefined;
  if (config.server.cert && config.server.key) return { certPath: config.server.cert, keyPath: config.server.key };
  if (!dev) {
    throw new Error('server.tls is true but server.cert and server.key are not set: configure them, run with --dev for a generated development certificate, or set --server_tls=false behind a TLS-terminating proxy');
  }
  const cert = await ensureDevCertificate(config.dev.data_dir);
  logger.info({ cert: cert.certPath, created: cert.created }, 'development certificate');
  process.stdout.write(`Development TLS certificate (give it to agents as their CA): ${cert.certPath}\n`);
  return cert;
}

/**
 * `fleet serve`: refuses to start while expand migrations are pending (its code may need them), serves with
 * pending contract migrations (its code works before and after them) and with migrations of a newer release
 * (their expand step keeps this release working), then serves the chosen roles on one port and shuts down
 * gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close pools).
 */
export async function serve(config: FleetConfig, options: ServeOptions): Promise<void> {
  const roles = parseRoles(options.role);
  const logger = createLogger({ json: config.logging.json, debug: config.logging.debug });
  // Started first, so that it is ready by the time the server listens (a storm of agents may be waiting). If the
  // server fails to start, the process exits and the copier with it (it exits when its IPC channel closes).
  const copier = config.server.listen_handles > 1 ? spawnListenCopier() : undefined;
  const roleName = roles.length === 1 ? (roles[0] as string) : 'all';
  const { tracing } = options;
  const dataSource = await connectDatabase(config, logger);
  const status = await migrationStatus(dataSource);
  if (status.pendingExpand.length > 0 && !config.upgrades.allow_missing_migrations) {
    await dataSource.destroy();
    throw new Error(`${status.pendingExpand.length} database migration(s) are pending (${status.pendingExpand.join(', ')}). Run \`fleet prepare db\` to apply them.`);
  }
  if (status.pendingContract.length > 0) {
    logger.info({ pending: status.pendingContract }, 'contract migrations pending: run `fleet prepare db --phase contract` once no server of the previous release is left');
  }
  const redis = createRedis(config);
  if (!(await redisReady(redis, config.redis.connect_timeout))) logger.warn({ address: config.redis.address }, 'redis not reachable yet; serving anyway, /healthz reports it');
  const metrics = new MetricsRegistry(roleName);
  const tls = await tlsFiles(config, options.dev, logger);
  const app = await createFleetApp(
    { config, logger, metrics, dataSource, redis, roles },
    { roleModules: roleModules(roles), tls, bodyLimits: bodyLimits(config, roles) },
  );
  // Before anything is printed: a supervisor (or a test) that signals as soon as it reads the banner must find the
  // handlers in place, not Node's default action for SIGTERM (exit by signal, nothing closed).
  let stopping = false;
  let handles: ListenHandles | undefined;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error({ timeout_ms: config.server.shutdown_timeout }, 'shutdown timed out');
      process.exit(1);
    }, config.server.shutdown_timeout);
    force.unref();
    handles?.close();
    app
      .close()
      .then(() => tracing.shutdown())
      .then(() => {
        logger.info('stopped');
        logger.flush();
        setTimeout(() => process.exit(0), 50).unref();
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const creds = options.dev ? await devBootstrap(dataSource, config) : undefined;
  const { host, port } = listenAddress(config.server.address);
  const accepted = metrics.counter('fleet_http_connections_accepted_total', "Connections accepted, by the listening handle that took them: the server's own or a duplicate (server.listen_handles)", ['listener']);
  app.getHttpServer().on('connection', (socket: Socket) => accepted.inc({ listener: acceptedBy(socket) }));
  // A deep accept queue: after a restart every agent reconnects at once (thousands of sockets), and Node's
  // default of 511 drops the SYNs past it, which costs those agents a 1 s, then 3 s, retransmit. The kernel
  // caps it at net.core.somaxconn.
  await app.listen({ host, port, backlog: LISTEN_BACKLOG });
  if (copier) {
    handles = await addListenHandles(app.getHttpServer(), copier, config.server.listen_handles - 1, LISTEN_BACKLOG).catch((err: unknown) => {
      logger.warn({ err, listen_handles: config.server.listen_handles }, 'serving with one listening handle');
      return undefined;
    });
    // A signal that came while the handles were being added closed the server before they existed.
    if (stopping) handles?.close();
    else if (handles) logger.info({ listen_handles: handles.count }, 'listening handles');
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${port}${config.server.url_prefix}`;
  logger.info({ url, roles }, 'fleet server listening');
  if (!config.logging.disable_banner) process.stdout.write(`Fleet server (roles: ${roles.join(', ')}) listening on ${url}\n`);
  if (!config.logging.disable_banner && roles.includes('api')) process.stdout.write(`Web UI: ${url}/\n`);
  if (options.dev) {
    if (creds) {
      if (creds.created) process.stdout.write(`Admin login: ${creds.email} / ${creds.password}   (saved in ${creds.file})\n`);
      else process.stdout.write(`Admin login: ${creds.email}   (password in ${creds.file})\n`);
      process.stdout.write(`Enroll secret for agents: ${creds.enrollSecret}\n`);
    } else {
      process.stdout.write('This installation already has users: log in with the account that set it up.\n');
    }
  }
}
