import { writeFileSync } from 'node:fs';
import { CliError } from '../cli.error';
import type { Session } from '../config/cli-session';
import { errorText } from '../http/api.client';

/** Fleet's default output names: `fleet-<name>-20060102150405Z[.ext]` (UTC). */
export function outfileName(name: string, ext?: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:T]/g, '');
  return `fleet-${name}-${stamp}${ext ? `.${ext}` : ''}`;
}

/** GET a /debug endpoint (outside /api, admin only); a non-2xx is an error naming the endpoint. */
export async function fetchDebug(s: Session, path: string): Promise<Buffer> {
  const res = await s.client.raw('GET', path);
  // An unknown path can also come back as the web UI's index page (its client-side routes), never as debug data.
  const html = String(res.headers['content-type'] ?? '').includes('text/html');
  if (res.status === 404 || html) throw new CliError(`${path}: not found (this server does not serve ${path.split('?')[0]})`);
  if (res.status < 200 || res.status > 299) throw new CliError(`${path}: ${errorText(res.status, res.body.toString('utf8'))}`);
  return res.body;
}

export function writeOutput(file: string, data: Buffer | string): void {
  writeFileSync(file, data, { mode: 0o600 });
  process.stderr.write(`Output written to ${file}\n`);
}

/** The banner Fleet prints after writing a file that may hold sensitive data. */
export function sensitiveBanner(what: 'The generated file' | 'The files in the generated archive', file: string): string {
  const review = what === 'The generated file' ? 'Please review the file before sharing.' : 'Please review them before sharing.';
  const rule = '#'.repeat(80);
  return `${rule}\n# WARNING:\n#   ${what} may contain sensitive data.\n#   ${review}\n#\n#   Output written to: ${file}\n${rule}\n`;
}
