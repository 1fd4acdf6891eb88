import type Redis from 'ioredis';
import { AGENT_STREAMS } from '@fleet/contracts';
import { streamGroupInfo } from '@fleet/messaging';
import { sleep } from './phase-meter';

/** What the MySQL writers had still to write when a phase began, and how long the bench waited for them. */
export interface WriterBacklog {
  readonly waitedMs: number;
  /** Stream entries accepted from agents and not yet written (lag + pending of every writer group) at the end of the wait. */
  readonly unwritten: number;
  readonly caughtUp: boolean;
}

/** A couple of the writers' batches: what is always in flight at steady state. */
const IN_FLIGHT = 100;

async function unwritten(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  for (const stream of Object.values(AGENT_STREAMS)) {
    const g = await streamGroupInfo(redis, `${prefix}${stream.key}`, stream.group);
    total += g.pending + (g.lag ?? 0);
  }
  return total;
}

/**
 * Waits until the agent-data writers have caught up with what the agents sent (a steady state begins once the new
 * hosts' first inventories are in MySQL, not while they drain), or until `timeoutMs` passes; the phase records
 * which, so a server whose writers never catch up is reported as such, and measured anyway.
 */
export async function awaitWritersCaughtUp(redis: Redis, prefix: string, timeoutMs: number): Promise<WriterBacklog> {
  const started = Date.now();
  let left = await unwritten(redis, prefix);
  while (left > IN_FLIGHT && Date.now() - started < timeoutMs) {
    await sleep(1000);
    left = await unwritten(redis, prefix);
  }
  return { waitedMs: Date.now() - started, unwritten: left, caughtUp: left <= IN_FLIGHT };
}
