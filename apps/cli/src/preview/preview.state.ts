import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a preview keeps its data, so `preview reset` can remove exactly that database and key prefix. */
export interface PreviewStorage {
  readonly mysqlAddress: string;
  readonly mysqlUsername: string;
  readonly mysqlPassword: string;
  readonly mysqlDatabase: string;
  readonly redisAddress: string;
  readonly redisKeyPrefix: string;
}

/** What a running preview left behind in its directory: the processes to stop, where it listens, its storage. */
export interface PreviewState {
  readonly fleetPid: number;
  readonly simulatorPid: number;
  readonly url: string;
  readonly storage?: PreviewStorage;
}

export const PID_FILE = 'preview.pid.json';
export const STORAGE_FILE = 'preview.storage.json';

/** The storage of the preview in `dir`, running or stopped; undefined when none was recorded. */
export function readStorage(dir: string): PreviewStorage | undefined {
  const running = readState(dir)?.storage;
  if (running) return running;
  const file = join(dir, STORAGE_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PreviewStorage) : undefined;
}

export function readState(dir: string): PreviewState | undefined {
  const file = join(dir, PID_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PreviewState) : undefined;
}

export function writeState(dir: string, state: PreviewState): void {
  // 0600: the storage part holds the MySQL password.
  writeFileSync(join(dir, PID_FILE), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the preview's own processes (by the pids it recorded, never by name), waits for them to exit,
 * then removes the pid file. Returns false when no preview was recorded.
 */
const GRACEFUL_STOP_MS = 30_000;
const KILLED_EXIT_MS = 5_000;

/** Waits until none of `pids` is alive; false when some still is after `timeoutMs`. */
async function exited(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export async function stopPreview(dir: string): Promise<boolean> {
  const state = readState(dir);
  if (!state) return false;
  const pids = [state.simulatorPid, state.fleetPid].filter((p) => p > 0 && isAlive(p));
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  // Longer than the server's own shutdown_timeout (25 s by default), so a graceful stop is never cut short.
  await exited(pids, GRACEFUL_STOP_MS);
  const stuck = pids.filter(isAlive);
  for (const pid of stuck) process.kill(pid, 'SIGKILL');
  // A kill is delivered asynchronously: the pid file goes only once the processes are really gone.
  if (!(await exited(stuck, KILLED_EXIT_MS))) throw new Error(`preview processes ${stuck.filter(isAlive).join(', ')} did not exit after SIGKILL`);
  // The storage facts stay (in a file of their own) so `preview reset` still knows what to remove.
  if (state.storage) writeFileSync(join(dir, STORAGE_FILE), JSON.stringify(state.storage, null, 2) + '\n', { mode: 0o600 });
  rmSync(join(dir, PID_FILE), { force: true });
  return true;
}
