import { createHash } from 'node:crypto';
import type { AgentResponse } from './agent-http-client';
import type { Row } from './host-platform';
import type { HostTimers } from './host-timers';
import type { SeededRandom } from './seeded-random';
import type { SimulatorStats } from './simulator-stats';

export interface CarveDeps {
  readonly rng: SeededRandom;
  readonly timers: HostTimers;
  nowUnix(): number;
  /** Posts to the carve endpoints; the host adds the NodeKey header when configured (carve block included, §7.3). */
  send(endpoint: 'carve_begin' | 'carve_block', body: unknown): Promise<AgentResponse>;
  nodeKey(): Promise<string>;
  readonly blockSize: number;
  /** Size of the simulated file placed in the archive. */
  readonly fileBytes: number;
  /** Delay before the carver thread picks up a scheduled carve (osquery wakes at most every 60 s). */
  readonly startDelayMs: number;
  readonly retryBaseMs: number;
  readonly stats?: SimulatorStats;
  onError(err: unknown): void;
}

interface CarveRecord {
  readonly time: number;
  readonly path: string;
  readonly carveGuid: string;
  readonly requestId: string;
  status: string;
  sha256: string;
  size: number;
}

const MAX_ATTEMPTS = 3;

/**
 * osquery's carver (§7): a carve request is answered at once with status SCHEDULED, then uploaded in the
 * background as begin + sequential blocks. Like osquery, begin/block requests are retried only on transport or
 * JSON-parse failures; `error`/`node_invalid` bodies are not inspected, and only a missing `session_id` fails begin.
 */
export class CarveManager {
  private readonly carves: CarveRecord[] = [];

  constructor(private readonly deps: CarveDeps) {}

  /** Registers a new carve of `path` and returns the carves table rows with the new one flagged `carve = 1`. */
  request(path: string): Row[] {
    const record: CarveRecord = {
      time: this.deps.nowUnix(), path, carveGuid: this.deps.rng.uuid(), requestId: this.deps.rng.uuid(), status: 'SCHEDULED', sha256: '', size: -1,
    };
    this.carves.push(record);
    this.deps.timers.after(this.deps.startDelayMs, () => this.upload(record), (e) => this.deps.onError(e));
    return this.carves.map((c) => this.row(c, c === record));
  }

  rows(): Row[] {
    return this.carves.map((c) => this.row(c, false));
  }

  statusOf(carveGuid: string): string | undefined {
    return this.carves.find((c) => c.carveGuid === carveGuid)?.status;
  }

  private row(c: CarveRecord, isNew: boolean): Row {
    return {
      time: String(c.time), sha256: c.sha256, size: String(c.size), path: c.path, status: c.status,
      carve_guid: c.carveGuid, request_id: c.requestId, carve: isNew ? '1' : '0',
    };
  }

  private async upload(c: CarveRecord): Promise<void> {
    c.status = 'STARTING';
    if (this.deps.stats) this.deps.stats.carvesStarted++;
    const archive = simulatedArchive(c.path, this.deps.fileBytes);
    c.size = archive.length;
    c.sha256 = createHash('sha256').update(archive).digest('hex');
    const blockSize = this.deps.blockSize;
    const blockCount = Math.ceil(archive.length / blockSize);
    const nodeKey = await this.deps.nodeKey();
    const begin = await this.attempt('carve_begin', {
      block_count: blockCount, block_size: blockSize, carve_size: archive.length, carve_id: c.carveGuid, request_id: c.requestId, node_key: nodeKey,
    });
    if (!begin) { c.status = 'Failed to start carve: request error'; return; }
    const sessionId = begin.body['session_id'];
    if (typeof sessionId !== 'string' || sessionId === '') { c.status = 'No session_id received from remote endpoint'; return; }
    c.status = 'PENDING';
    for (let blockId = 0; blockId < blockCount; blockId++) {
      const data = archive.subarray(blockId * blockSize, (blockId + 1) * blockSize).toString('base64');
      // Exact key order and compact form: Fleet's block decoder is order-sensitive (§7.3).
      const ok = await this.attempt('carve_block', { block_id: blockId, session_id: sessionId, request_id: c.requestId, data });
      if (!ok) { c.status = `Failed to send carve block ${blockId}`; return; }
    }
    c.status = 'SUCCESS';
    if (this.deps.stats) this.deps.stats.carvesCompleted++;
  }

  private async attempt(endpoint: 'carve_begin' | 'carve_block', body: unknown): Promise<AgentResponse | undefined> {
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const res = await this.deps.send(endpoint, body);
      if (res.outcome !== 'transport' && res.outcome !== 'non_json') return res;
      if (i < MAX_ATTEMPTS && !(await this.deps.timers.sleep(i * i * this.deps.retryBaseMs))) return undefined;
    }
    return undefined;
  }
}

/** A ustar-shaped archive holding one file of deterministic content (a tar is never empty: it has headers). */
export function simulatedArchive(path: string, fileBytes: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(path.replace(/^\/+/, '').slice(0, 99), 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(fileBytes.toString(8).padStart(11, '0') + '\0', 124);
  header.write('ustar\0', 257);
  const line = `simulated contents of ${path}\n`;
  const content = Buffer.alloc(fileBytes);
  for (let i = 0; i < fileBytes; i += line.length) content.write(line, i);
  const padding = Buffer.alloc((512 - (fileBytes % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}
