import type { AgentEndpoint, LatencySummary } from '@fleet/simulator';

/** Per-endpoint figures of one measurement window (since the previous `window` request). */
export interface EndpointWindow {
  readonly requests: number;
  readonly errors: number;
  /** The errors by kind: `transport`, `error_body 500`, `non_json 502`… (outcome and HTTP status). */
  readonly errorKinds: Readonly<Record<string, number>>;
  readonly nodeInvalid: number;
  readonly ratePerSec: number;
  readonly latencyMs: LatencySummary;
  /** Request and response body bytes (JSON as sent, gzip when compressed; HTTP headers not counted). */
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

export interface SimWindow {
  readonly seconds: number;
  readonly hostsEnrolled: number;
  readonly hostsTotal: number;
  readonly endpoints: Partial<Record<AgentEndpoint, EndpointWindow>>;
  readonly total: EndpointWindow;
  /** Check-in = distributed/read, the request every host makes every distributed interval. */
  readonly checkin: EndpointWindow;
  /**
   * Requests sent before this window began and answered in it (in none of the figures above), how many failed,
   * and the latency of those answered without an error (after a restart: the first wave, sent as the server began
   * to listen, a moment before the window could be reset).
   */
  readonly carriedOver: { readonly requests: number; readonly errors: number; readonly answeredLatencyMs: LatencySummary };
  /**
   * The simulator's own stalls in the window: its event-loop delay (a stalled simulator reads answers late, so
   * its latencies grow though the server answered in time) and its garbage-collection pauses, in ms.
   */
  readonly simulatorLoop: { readonly delayP99Ms: number; readonly delayMaxMs: number; readonly gcMs: number; readonly gcMaxPauseMs: number };
  /**
   * Keep-alive sockets the simulator opened and saw closed in the window. A new socket waits in the server's
   * accept queue (Node 20 accepts one per event-loop turn), so churn here shows up as latency there.
   */
  readonly connections: { readonly opened: number; readonly closed: number };
}

/** Parent → simulator worker. */
export type SimCommand =
  /** Builds the hosts; starts them at once unless `start` is false (then `start` starts them later). */
  | { readonly type: 'add'; readonly hosts: number; readonly rampMs: number; readonly start?: boolean }
  | { readonly type: 'start' }
  | { readonly type: 'window' }
  | { readonly type: 'live'; readonly queryName: string; readonly sinceMs: number; readonly targetHosts: number }
  | { readonly type: 'stop' };

/** Simulator worker → parent; one reply per command, in order. */
export type SimReply =
  | { readonly type: 'added'; readonly hostsTotal: number }
  | { readonly type: 'started'; readonly hosts: number }
  | { readonly type: 'window'; readonly window: SimWindow }
  | { readonly type: 'live'; readonly msToAnswered: Record<string, number | null>; readonly answered: number }
  | { readonly type: 'stopped' };

export interface SimWorkerArgs {
  readonly serverUrl: string;
  readonly enrollSecret: string;
  readonly distributedIntervalSec: number;
  readonly connections: number;
}
