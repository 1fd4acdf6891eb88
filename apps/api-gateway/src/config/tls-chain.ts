import { checkServerIdentity, connect } from 'node:tls';
import type { DetailedPeerCertificate } from 'node:tls';

const DIAL_TIMEOUT_MS = 5000;

/** DER as a PEM block, 64 base64 characters a line. */
export function pemOf(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** The peer's certificates, leaf first, following the issuers the handshake gave (a self-signed one ends it). */
function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const out: DetailedPeerCertificate[] = [];
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && !out.some((c) => c.raw.equals(cert!.raw))) {
    out.push(cert);
    cert = cert.issuerCertificate;
  }
  return out;
}

function dial(host: string, port: number, verify: boolean): Promise<DetailedPeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, rejectUnauthorized: verify, timeout: DIAL_TIMEOUT_MS }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.end();
      resolve(cert);
    });
    socket.on('timeout', () => socket.destroy(new Error(`timeout after ${DIAL_TIMEOUT_MS} ms`)));
    socket.on('error', reject);
  });
}

/**
 * The PEM certificate chain the server at `url` presents, as Fleet's `GET /config/certificate` builds it for
 * osqueryd's `--tls_server_certs`: dialled with verification first and, when that fails (a self-signed or
 * private CA certificate), without; when the chain has more than one certificate the leaf (the one that
 * names the host) is left out, since osqueryd needs the issuers only.
 */
export async function certificateChainPem(url: URL): Promise<string> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 443;
  const leaf = await dial(host, port, true).catch(() => dial(host, port, false));
  const chain = chainOf(leaf);
  const kept = chain.length > 1 ? chain.filter((c) => checkServerIdentity(host, c) !== undefined) : chain;
  return kept.map((c) => pemOf(c.raw)).join('');
}
