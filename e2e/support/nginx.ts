import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { processEnv } from '@fleet/config';
import { NGINX_BIN, nginxTempPaths, runNginx } from '@fleet/testing';
import type { RunningNginx } from '@fleet/testing';

export type { RunningNginx };

function aptGet(args: string[]): void {
  execFileSync('apt-get', args, { env: { PATH: processEnv()['PATH'] ?? '', DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'pipe', timeout: 300_000 });
}

/**
 * Makes sure nginx is installed, installing the Debian package if it is not: the failover test has no meaning
 * without a real load balancer, so it never skips. Tries without `apt-get update` first (fast when the package
 * lists are fresh), then with it.
 */
export function ensureNginx(): void {
  if (existsSync(NGINX_BIN)) return;
  let detail = '';
  for (const steps of [[['install', '-y', 'nginx']], [['update'], ['install', '-y', 'nginx']]]) {
    try {
      for (const args of steps) aptGet(args);
      if (existsSync(NGINX_BIN)) return;
    } catch (err) {
      const e = err as { message: string; stderr?: Buffer };
      detail = `${e.message}\n${e.stderr?.toString() ?? ''}`;
    }
  }
  throw new Error(`This test needs nginx at ${NGINX_BIN} and could not install it with \`apt-get install -y nginx\` (run it as root on Debian/Ubuntu, or install nginx first):\n${detail}`);
}

export interface NginxOptions {
  readonly port: number;
  /** host:port of each backend, all in one round-robin upstream. */
  readonly upstreams: readonly string[];
  /** How long a backend that failed is left out (default 30s). */
  readonly failTimeout?: string;
  /** `proxy_next_upstream` conditions (default `error timeout`). */
  readonly nextUpstream?: string;
}

/**
 * A load balancer in front of gateway replicas, shaped like a production one for long-lived result streams:
 * no response buffering (SSE events pass through as written), hour-long read timeout, WebSocket upgrade, and
 * `proxy_next_upstream error timeout` so a request that meets a dead replica is retried on the next one.
 * `X-Upstream` tells the client which replica(s) nginx tried, in order.
 */
export function nginxConfig(dir: string, o: NginxOptions): string {
  const servers = o.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=${o.failTimeout ?? '30s'};`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 1024; }
http {
  access_log ${join(dir, 'access.log')};
${nginxTempPaths(dir)}
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream fleet_api {
${servers}
  }
  server {
    listen 127.0.0.1:${o.port};
    location / {
      proxy_pass http://fleet_api;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_buffering off;
      proxy_read_timeout 3600s;
      proxy_connect_timeout 2s;
      proxy_next_upstream ${o.nextUpstream ?? 'error timeout'};
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** nginx with `nginxConfig` on `o.port`, installed first if the machine lacks it. */
export async function startNginx(o: NginxOptions): Promise<RunningNginx> {
  ensureNginx();
  return runNginx(o.port, (dir) => nginxConfig(dir, o));
}
