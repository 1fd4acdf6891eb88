import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as x509 from '@peculiar/x509';

export interface DevCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  readonly created: boolean;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/**
 * A self-signed ECDSA P-256 certificate for localhost, 127.0.0.1 and ::1, kept in `dir` and reused on
 * later starts while it is valid for at least a day. Agents use the certificate itself as their CA
 * (`--tls_server_certs`), so it is also a CA (basicConstraints cA=true).
 */
export async function ensureDevCertificate(dir: string, now = new Date()): Promise<DevCertificate> {
  const base = resolve(dir);
  const certPath = join(base, 'fleet-dev.crt');
  const keyPath = join(base, 'fleet-dev.key');
  if (existsSync(certPath) && existsSync(keyPath) && stillValid(readFileSync(certPath, 'utf8'), now)) {
    return { certPath, keyPath, created: false };
  }
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']));
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(12))).toString('hex'),
    name: 'CN=localhost, O=fleet development',
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * 24 * 3600_000),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  mkdirSync(base, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, `${keyPem}\n`, { mode: 0o600 });
  writeFileSync(certPath, `${cert.toString('pem')}\n`, { mode: 0o644 });
  return { certPath, keyPath, created: true };
}

function stillValid(pem: string, now: Date): boolean {
  try {
    const cert = new x509.X509Certificate(pem);
    return cert.notAfter.getTime() - now.getTime() > 24 * 3600_000;
  } catch {
    return false;
  }
}
