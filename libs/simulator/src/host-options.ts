import type { AgentHttpClient } from './agent-http-client';
import type { SimPlatform } from './host-platform';
import type { SimulatorStats } from './simulator-stats';

/** Fleet registers every agent route under both prefixes (§1.1). */
export type OsqueryPathPrefix = '/api/osquery' | '/api/v1/osquery';

/** osquery's --host_identifier modes the simulator supports (Fleet's flagfile uses `instance`). */
export type HostIdentifierMode = 'instance' | 'uuid' | 'hostname';

/** Timer periods in milliseconds. Defaults follow Fleet's flagfile/agent options and osquery's code (§10.1). */
export interface HostIntervals {
  /** --distributed_interval (Fleet: 10 s). */
  readonly distributedMs: number;
  /** --config_refresh (CLI-only in osquery; 60 s here). */
  readonly configRefreshMs: number;
  /** --logger_tls_period (Fleet: 10 s). */
  readonly loggerMs: number;
  /** Poll period while `accelerate` is active (osquery's kDistributedAccelerationInterval, 5 s). */
  readonly accelerateMs: number;
  /** --config_accelerated_refresh: refresh period after a failed config fetch (300 s). */
  readonly configAcceleratedRefreshMs: number;
  /** Length of one "second" of scheduled-query intervals; lower it to run schedules faster in tests. */
  readonly scheduleSecondMs: number;
  /** Unit of osquery's i² retry sleeps (1 s). */
  readonly retryBaseMs: number;
  /** --logger_tls_backoff_max (3600 s). */
  readonly loggerBackoffMaxMs: number;
  /** --tls_enroll_max_interval (600 s). */
  readonly enrollMaxIntervalMs: number;
}

export const DEFAULT_INTERVALS: HostIntervals = {
  distributedMs: 10_000,
  configRefreshMs: 60_000,
  loggerMs: 10_000,
  accelerateMs: 5_000,
  configAcceleratedRefreshMs: 300_000,
  scheduleSecondMs: 1_000,
  retryBaseMs: 1_000,
  loggerBackoffMaxMs: 3_600_000,
  enrollMaxIntervalMs: 600_000,
};

export interface CarveOptions {
  /** --carver_block_size; osquery's default is 8192 (Fleet recommends 8,000,000). */
  readonly blockSize?: number;
  /** Bytes of the simulated file that goes into the carve archive. Default 20,000. */
  readonly fileBytes?: number;
  /** Delay before the simulated carver thread uploads a scheduled carve. Default 1 s. */
  readonly startDelayMs?: number;
}

export interface SimulatedHostOptions {
  readonly index: number;
  readonly platform: SimPlatform;
  /** Seed of the host template; same seed and index → same host. Default 1. */
  readonly seed?: number;
  readonly enrollSecret: string;
  /** Shared transport. When omitted the host creates one from serverUrl/caPem/insecure and closes it on stop(). */
  readonly client?: AgentHttpClient;
  readonly serverUrl?: string;
  readonly caPem?: string;
  readonly insecure?: boolean;
  readonly stats?: SimulatorStats;
  /** Default `/api/v1/osquery` (Fleet's flagfile paths). */
  readonly pathPrefix?: OsqueryPathPrefix;
  readonly intervals?: Partial<HostIntervals>;
  /** Fractional jitter applied to every period (0.1 = ±10 %). Default 0.1. */
  readonly jitter?: number;
  /** --logger_tls_compress: gzip /log bodies with Content-Encoding: gzip. */
  readonly gzipLogs?: boolean;
  /** Send `Authorization: NodeKey <key>` like osquery >= 5.23 (the key stays in the body too). */
  readonly nodeKeyHeader?: boolean;
  readonly hostIdentifier?: HostIdentifierMode;
  /** --logger_event_type (osquery default true): differential results one line per row; false → diffResults lines. */
  readonly loggerEventType?: boolean;
  /** Apply `options.distributed_interval`/`logger_tls_period` from the served config, as osquery does. Default true. */
  readonly honorConfigIntervals?: boolean;
  /** --logger_tls_max_lines (1024). */
  readonly loggerTlsMaxLines?: number;
  readonly carve?: CarveOptions;
  /** Wall clock in epoch ms (injected for tests). */
  readonly now?: () => number;
  /** Unexpected internal errors (never protocol failures, which the host handles itself). */
  readonly onError?: (err: unknown) => void;
}
