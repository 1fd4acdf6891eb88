import { readFileSync } from 'node:fs';
import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * ECDHE key exchange with AES-GCM (and ChaCha20 for clients without AES hardware): what osquery's TLS
 * client offers (osquery-protocol.md §1.3). No CBC, no RSA key exchange, nothing below TLS 1.2.
 */
export const INTERMEDIATE_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export type TlsCompatibility = 'intermediate' | 'modern';

export function httpsOptions(certPath: string, keyPath: string, compatibility: TlsCompatibility): TlsOptions & SecureContextOptions {
  return {
    cert: readFileSync(certPath),
    key: readFileSync(keyPath),
    minVersion: compatibility === 'modern' ? 'TLSv1.3' : 'TLSv1.2',
    ciphers: INTERMEDIATE_CIPHERS,
    honorCipherOrder: true,
    ecdhCurve: 'X25519:P-256:P-384',
  };
}
