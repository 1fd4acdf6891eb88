import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processEnv } from '@fleet/config';

export const NGINX_BIN = '/usr/sbin/nginx';

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
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, `${t}_temp`)};`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 1024; }
http {
  access_log ${join(dir, 'access.log')};
${temp}
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

export interface RunningNginx {
  readonly url: string;
  readonly errorLog: () => string;
  stop(): Promise<void>;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

/** Runs nginx in the foreground as a child, with its config, pid, logs and temp files in a fresh temp dir. */
export async function startNginx(o: NginxOptions): Promise<RunningNginx> {
  ensureNginx();
  const dir = mkdtempSync(join(tmpdir(), 'fleet-nginx-'));
  // Workers drop to an unprivileged user when started as root; they must be able to reach the temp dirs.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, o));
  // -e: nginx opens its error log before reading the config; keep even that one inside the temp dir.
  const child: ChildProcess = spawn(NGINX_BIN, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const errorLog = (): string => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(o.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start listening on ${o.port}:\n${out}\n${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${o.port}`,
    errorLog,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
