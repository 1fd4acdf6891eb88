import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitListening } from './wait-listening';

export const NGINX_BIN = '/usr/sbin/nginx';

/** The `*_temp_path` lines that keep nginx's temp files inside `dir` (its defaults are under /var, not writable in every sandbox). */
export function nginxTempPaths(dir: string): string {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, `${t}_temp`)};`).join('\n');
}

export interface RunningNginx {
  readonly url: string;
  /** The nginx master's pid; its one worker, which does the proxying, is its child. */
  readonly pid: number | undefined;
  /** What nginx wrote to its error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Runs nginx in the foreground as a child, listening on 127.0.0.1:`port`, with the config `config(dir)` returns
 * and its pid, logs and temp files in a fresh temp dir `dir` (the config names them there, and its error log
 * must be `<dir>/error.log`). Resolves once the port accepts connections.
 */
export async function runNginx(port: number, config: (dir: string) => string): Promise<RunningNginx> {
  if (!existsSync(NGINX_BIN)) throw new Error(`${NGINX_BIN} is missing (scripts/ensure-test-tools.sh installs nginx)`);
  const dir = mkdtempSync(join(tmpdir(), 'fleet-nginx-'));
  // Workers drop to an unprivileged user when started as root; they must be able to reach the temp dirs.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'nginx.conf'), config(dir));
  const errorLog = (): string => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  // -e: nginx opens its error log before reading the config; keep even that one inside the temp dir.
  const child = spawn(NGINX_BIN, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitListening(`127.0.0.1:${port}`, 10_000, () => child.exitCode !== null);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not start listening on ${port} (${(err as Error).message}):\n${out}\n${errorLog()}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    errorLog,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
