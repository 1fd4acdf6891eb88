import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError } from '../cli.error';

/** A body built from `-B` fields: JSON, or multipart/form-data as soon as one field uploads a file (`@file`). */
export interface ApiBody {
  readonly payload: Buffer | string;
  readonly headers: Record<string, string>;
}

/** Fleet's rule: a path outside /api/v1/fleet and /api/latest/fleet is taken as relative to /api/v1/fleet. */
export function apiPath(uri: string): string {
  const path = uri.startsWith('/') ? uri : `/${uri}`;
  return path.startsWith('/api/v1/fleet') || path.startsWith('/api/latest/fleet') ? path : `/api/v1/fleet${path}`;
}

/** `key=value` pairs (the value may contain `=`); a pair without `=` is skipped, as Fleet does for -F and -H. */
export function pairs(list: readonly string[], sep: '=' | ':'): Array<[string, string]> {
  return list.flatMap((item): Array<[string, string]> => {
    const i = item.indexOf(sep);
    return i < 0 ? [] : [[item.slice(0, i), item.slice(i + 1)]];
  });
}

/** `-F` fields as a query string (`?a=1&a=2`), or '' when there are none. */
export function queryFromFields(fields: readonly string[]): string {
  const params = new URLSearchParams(pairs(fields, '='));
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Warn = (line: string) => void;

/** A readable regular file named by `<file` or `@file`, or undefined (with Fleet's warning) to send the text as is. */
function fileOf(value: string, warn: Warn): string | undefined {
  const file = value.slice(1);
  if (!existsSync(file)) {
    warn(`warning: encountered argument value "${value}" but unable to stat file "${file}", the value will be sent as a literal string`);
    return undefined;
  }
  if (!statSync(file).isFile()) {
    warn(`warning: encountered argument value "${value}" but file "${file}" is not a regular file, the value will be sent as a literal string`);
    return undefined;
  }
  return file;
}

/**
 * `-B` fields as Fleet's fleetctl builds them: `key` alone is `true`, `key=<file` takes the file's text,
 * `key=@file` uploads the file (multipart), and any other value is sent as JSON when it parses as JSON
 * (`count=3`, `ids=[1,2]`, `flag=false`) and as a string otherwise. Undefined when there are no fields.
 */
export function bodyFromFields(fields: readonly string[], warn: Warn): ApiBody | undefined {
  if (fields.length === 0) return undefined;
  const json: Record<string, unknown> = {};
  const parts: Array<{ name: string; value: string | Buffer; filename?: string }> = [];
  for (const item of fields) {
    const i = item.indexOf('=');
    if (i < 0) {
      json[item] = true;
      parts.push({ name: item, value: 'true' });
      continue;
    }
    const key = item.slice(0, i);
    let value = item.slice(i + 1);
    const file = value.startsWith('<') || value.startsWith('@') ? fileOf(value, warn) : undefined;
    if (file && value.startsWith('@')) {
      parts.push({ name: key, value: readFileSync(file), filename: basename(file) });
      continue;
    }
    if (file) value = readFileSync(file, 'utf8');
    parts.push({ name: key, value });
    try {
      json[key] = JSON.parse(value) as unknown;
    } catch {
      json[key] = value;
    }
  }
  if (!parts.some((p) => p.filename !== undefined)) {
    return { payload: JSON.stringify(json), headers: { 'content-type': 'application/json' } };
  }
  const boundary = `fleetctl${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The method: `-X`, else POST with a body and GET without; a GET with a body is refused, as Fleet does. */
export function apiMethod(flag: string | undefined, hasBody: boolean): string {
  const method = (flag ?? (hasBody ? 'POST' : 'GET')).toUpperCase();
  if (hasBody && method === 'GET') throw new CliError('GET requests may not include a body');
  return method;
}
