import { join } from 'node:path';
import { nginxTempPaths, runNginx } from '../integration/nginx-process';
import type { RunningNginx } from '../integration/nginx-process';

export type Balancer = RunningNginx;

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
export function startBalancer(port: number, upstreams: readonly string[], routes: readonly BalancerRoute[] = []): Promise<Balancer> {
  return runNginx(port, (dir) => {
    return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
${nginxTempPaths(dir)}
  client_max_body_size 20m;
  # WebSocket upgrades pass through (the live-query results socket); other requests keep the backend connection alive.
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
${[upstreamBlock('fleet', upstreams), ...routes.map((r, i) => upstreamBlock(`route${i}`, r.upstreams))].join('\n')}
  server {
    listen 127.0.0.1:${port};
${[proxyLocation('/', 'fleet'), ...routes.map((r, i) => proxyLocation(r.prefix, `route${i}`))].join('\n')}
  }
}
`;
  });
}
