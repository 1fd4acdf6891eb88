import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { processEnv } from '@fleet/config';

/** The built `fleet` binary; e2e tests drive it as a user would. `npm test` builds before running them. */
export const FLEET_BIN = join(__dirname, '..', '..', 'bin', 'fleet.js');

export { freePort } from '@fleet/testing';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/**
 * Runs a Node script of this repository to completion. The environment is exactly `env` plus PATH: nothing
 * leaks in from the test runner.
 */
export function runScript(script: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: processEnv()['PATH'] ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `fleet <args>` to completion. */
export function runFleet(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunResult> {
  return runScript(FLEET_BIN, args, { env, timeoutMs });
}

export interface RunningFleet {
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `fleet <args>` and resolves once its output contains `readyText`. */
export function startFleet(args: string[], env: Record<string, string>, readyText: string | RegExp, timeoutMs = 30_000): Promise<RunningFleet> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FLEET_BIN, ...args], { env: { PATH: processEnv()['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fleet did not become ready within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (typeof readyText === 'string' ? out.includes(readyText) : readyText.test(out)) {
        clearTimeout(timer);
        resolve({
          child,
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`fleet exited with ${code} before it was ready:\n${out}`));
    });
  });
}
