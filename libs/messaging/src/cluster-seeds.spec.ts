import { EventEmitter } from 'node:events';
import type { Cluster } from 'ioredis';
import { clusterSeeds, learnClusterNodes, mergeSeeds } from './cluster-seeds';

/** Stands in for a Cluster's slot refreshes: `nodes('all')` answers the pool of the moment. */
function refreshingCluster(): { cluster: Cluster; refresh: (ports: number[]) => void } {
  const emitter = new EventEmitter();
  let pool: number[] = [];
  const fake = Object.assign(emitter, { nodes: () => pool.map((port) => ({ options: { host: '127.0.0.1', port } })) });
  return { cluster: fake as unknown as Cluster, refresh: (ports) => { pool = ports; emitter.emit('refresh'); } };
}

describe('cluster seeds', () => {
  it('keeps the configured node first and learned nodes once each', () => {
    const configured = { host: '127.0.0.1', port: 7000 };
    expect(mergeSeeds(configured, [{ host: '127.0.0.1', port: 7001 }, configured, { host: '127.0.0.1', port: 7001 }]))
      .toEqual([configured, { host: '127.0.0.1', port: 7001 }]);
  });

  it('shares one startup array per address, updated in place by every refresh, so later clients and reconnects start from the nodes known now', () => {
    const seeds = clusterSeeds({ host: '127.0.0.1', port: 17000 });
    expect(clusterSeeds({ host: '127.0.0.1', port: 17000 })).toBe(seeds);
    const { cluster, refresh } = refreshingCluster();
    learnClusterNodes(cluster, seeds);
    refresh([17000, 17001, 17002, 17003]);
    expect(seeds.map((s) => s.port)).toEqual([17000, 17001, 17002, 17003]);
    // The configured master died and its replica (17003) took over: a node that left is dropped, the configured one stays.
    refresh([17001, 17002, 17003]);
    expect(seeds.map((s) => s.port)).toEqual([17000, 17001, 17002, 17003]);
    refresh([17001, 17003]);
    expect(seeds.map((s) => s.port)).toEqual([17000, 17001, 17003]);
    // An empty pool (every node lost) teaches nothing.
    refresh([]);
    expect(seeds.map((s) => s.port)).toEqual([17000, 17001, 17003]);
  });
});
