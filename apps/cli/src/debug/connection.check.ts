import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { isIP, connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { ApiClient } from '../http/api.client';

/** What `fleetctl debug connection` checks, resolved from the argument or the context. */
export interface ConnectionTarget {
  readonly url: URL;
  readonly contextName: string;
  /** PEM file to trust (the context's rootca or --fleet-certificate); undefined = the system store. */
  readonly rootca?: string;
  readonly insecure: boolean;
  readonly urlPrefix?: string;
  readonly timeoutMs: number;
}

/** A failed step: its label is Fleet's (`Fail: resolve host: …`). */
export class CheckFailed extends Error {}

const fail = (step: string, e: unknown): never => {
  throw new CheckFailed(`Fail: ${step}: ${e instanceof Error ? e.message : String(e)}`);
};

function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}

/** An address as typed (`fleet.example.com:8080`) as a URL; https when no scheme is given, as Fleet assumes. */
export function targetUrl(address: string): URL {
  return new URL(address.includes('://') ? address : `https://${address}`);
}

/**
 * The checks of Fleet's `debug connection`, in order, each printed as it passes: the name resolves, a TCP
 * connection opens, the TLS certificate verifies (https only), and the agent API answers an enroll with a bad
 * secret the way a Fleet server does (401 with `node_invalid`). The first failure throws CheckFailed.
 */
export async function checkConnection(t: ConnectionTarget, print: (line: string) => void): Promise<void> {
  const https = t.url.protocol === 'https:';
  const host = t.url.hostname.replace(/^\[|\]$/g, '');
  let summary = `Debugging connection to ${host}; Configuration context: ${t.contextName};`;
  if (https) summary += ` Root CA: ${t.rootca ?? 'system certificate store'}; TLS: ${t.insecure ? 'insecure' : 'secure'}.`;
  print(summary);

  await withTimeout(t.timeoutMs, lookup(host)).catch((e: unknown) => fail('resolve host', e));
  print(`Success: can resolve host ${host}.`);

  let port = Number(t.url.port);
  if (!t.url.port) {
    port = https ? 443 : 80;
    print(`Assuming port ${port}.`);
  }
  await withTimeout(t.timeoutMs, new Promise<void>((resolve, reject) => {
    const s = netConnect({ host, port }, () => { s.end(); resolve(); });
    s.on('error', reject);
  })).catch((e: unknown) => fail('dial server', e));
  print(`Success: can dial server at ${t.url.host}.`);

  if (https) {
    const ca = t.rootca ? readFileSync(t.rootca) : undefined;
    await withTimeout(t.timeoutMs, new Promise<void>((resolve, reject) => {
      const s = tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ca, rejectUnauthorized: !t.insecure }, () => { s.end(); resolve(); });
      s.on('error', reject);
    })).catch((e: unknown) => fail('certificate', e));
    print('Success: TLS certificate seems valid.');
  }

  const client = new ApiClient({ address: t.url.origin, urlPrefix: t.urlPrefix, rootca: t.rootca, insecure: t.insecure });
  try {
    const res = await withTimeout(t.timeoutMs, client.raw('POST', '/api/osquery/enroll', { enroll_secret: '--invalid--' })).catch((e: unknown) => fail('agent API endpoint', e));
    let body: { error?: unknown; node_invalid?: unknown } = {};
    try {
      body = JSON.parse(res.body.toString('utf8')) as typeof body;
    } catch {
      fail('agent API endpoint', new Error(`invalid JSON in a ${res.status} response`));
    }
    if (res.status !== 401 || !body.error || body.node_invalid !== true) fail('agent API endpoint', new Error(`unexpected ${res.status} response`));
  } finally {
    await client.close();
  }
  print('Success: agent API endpoints are available.');
}
