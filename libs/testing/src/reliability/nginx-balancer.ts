import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = '/usr/sbin/nginx';

export interface Balancer {
  readonly url: string;
  /** The nginx master's pid; its one worker, which does the proxying, is its child. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const canConnect = (port: number): Promise<boolean> => new Promise((resolve) => {
  const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});

/** Requests whose path starts with `prefix` go to `upstreams` instead of the default ones (the chart's ingress paths). */
export interface BalancerRoute {
  readonly prefix: string;
  readonly upstreams: readonly string[];
}

/**
 * Idle backend connections nginx keeps: thousands of agents send in bursts (a live query's answers), and a pool
 * smaller than a burst closes the extra connections after it and opens them again at the next one.
 */
const upstreamBlock = (name: string, servers: readonly string[]): string => `  upstream ${name} {
${servers.map((u) => `    server ${u} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 512;
  }`;

const proxyLocation = (prefix: string, upstream: string): string => `    location ${prefix} {
      proxy_pass http://${upstream};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 60s;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout;
    }`;

/**
 * nginx in front of fleet replicas, as a deployment has it: round robin, keep-alive to the backends, WebSocket
 * upgrades passed through, and a request that meets a dead replica (connection refused) goes to the next one.
 * Paths of `routes` go to their own replicas (agent paths to the ingest role, as the chart's ingress routes them),
 * every other path to `upstreams`. Its files live in a temp dir.
 */
export async function startBalancer(port: number, upstreams: readonly string[], routes: readonly BalancerRoute[] = []): Promise<Balancer> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing (scripts/ensure-test-tools.sh installs nginx)`);
  const dir = mkdtempSync(join(tmpdir(), 'fleet-rel-nginx-'));
  chmodSync(dir, 0o755);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
${temp}
  client_max_body_size 20m;
  # WebSocket upgrades pass through (the live-query results socket); other requests keep the backend connection alive.
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
${[upstreamBlock('fleet', upstreams), ...routes.map((r, i) => upstreamBlock(`route${i}`, r.upstreams))].join('\n')}
  server {
    listen 127.0.0.1:${port};
${[proxyLocation('/', 'fleet'), ...routes.map((r, i) => proxyLocation(r.prefix, `route${i}`))].join('\n')}
  }
}
`);
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port}; see ${join(dir, 'error.log')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
