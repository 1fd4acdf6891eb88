import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running preview left behind in its directory: the processes to stop and where it listens. */
export interface PreviewState {
  readonly fleetPid: number;
  readonly simulatorPid: number;
  readonly url: string;
}

export const PID_FILE = 'preview.pid.json';

export function readState(dir: string): PreviewState | undefined {
  const file = join(dir, PID_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PreviewState) : undefined;
}

export function writeState(dir: string, state: PreviewState): void {
  writeFileSync(join(dir, PID_FILE), JSON.stringify(state, null, 2) + '\n');
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
export async function stopPreview(dir: string): Promise<boolean> {
  const state = readState(dir);
  if (!state) return false;
  const pids = [state.simulatorPid, state.fleetPid].filter((p) => p > 0 && isAlive(p));
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
  rmSync(join(dir, PID_FILE), { force: true });
  return true;
}
