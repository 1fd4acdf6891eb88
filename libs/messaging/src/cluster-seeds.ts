import type { Cluster } from 'ioredis';

export interface SeedNode {
  readonly host: string;
  readonly port: number;
}

/**
 * The startup nodes of every cluster client made for one configured address, shared by them all and kept up to
 * date with the nodes the clients discover. The product is given one node's address (Fleet's `redis.address`);
 * ioredis connects a Cluster through its startup nodes only, and it re-reads the array it was given on each
 * (re)connect. Without this, every client created after that one node died (a gateway's blocking connection for a
 * live-query result stream, a client reconnecting after all its nodes dropped) could never find the cluster
 * again, although its replica had taken over: "Failed to refresh slots cache" forever and no answers streamed.
 * Per process and per address, so that the many short-lived clients learn from the long-lived ones.
 */
const seedsByAddress = new Map<string, SeedNode[]>();

/** The configured node first, then the others learned, without duplicates. */
export function mergeSeeds(configured: SeedNode, learned: readonly SeedNode[]): SeedNode[] {
  const out: SeedNode[] = [configured];
  for (const node of learned) {
    if (!out.some((n) => n.host === node.host && n.port === node.port)) out.push(node);
  }
  return out;
}

/** The shared (mutable) startup-node array for this address: pass it to `new Cluster` as is. */
export function clusterSeeds(configured: SeedNode): SeedNode[] {
  const key = `${configured.host}:${configured.port}`;
  let seeds = seedsByAddress.get(key);
  if (!seeds) seedsByAddress.set(key, (seeds = [configured]));
  return seeds;
}

/**
 * After each slot refresh of `cluster`, replaces the seeds by the configured node plus every node the cluster
 * now knows (masters and replicas: a replica is who a dead master's slots move to). Nodes that left the cluster
 * are dropped at the next refresh; an empty pool (all nodes lost) leaves the seeds as they were.
 */
export function learnClusterNodes(cluster: Cluster, seeds: SeedNode[]): void {
  const configured = seeds[0];
  if (!configured) return;
  cluster.on('refresh', () => {
    const known = cluster.nodes('all').flatMap((n) => (n.options.host && n.options.port ? [{ host: n.options.host, port: n.options.port }] : []));
    if (known.length === 0) return;
    seeds.splice(0, seeds.length, ...mergeSeeds(configured, known));
  });
}
