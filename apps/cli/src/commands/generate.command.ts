import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { osqueryFlagfile } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { withSession } from '../config/cli-session';
import type { Session } from '../config/cli-session';

/** The CA osquery should trust: the context's rootca, else the server's /config/certificate, else the chain it presents. */
async function serverCertificate(s: Session, url: URL): Promise<string> {
  if (s.ctx.rootca) return readFileSync(s.ctx.rootca, 'utf8');
  try {
    const res = await s.client.api<{ certificate_chain: string }>('GET', '/config/certificate');
    return Buffer.from(res.certificate_chain, 'base64').toString('utf8');
  } catch {
    return presentedChain(url, s.client.insecure);
  }
}

/** PEM of every certificate the server presents, read from a TLS handshake. */
function presentedChain(url: URL, insecure: boolean): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, rejectUnauthorized: !insecure }, () => {
      const pems: string[] = [];
      const seen = new Set<string>();
      let cert = socket.getPeerCertificate(true);
      while (cert?.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        pems.push(`-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`);
        cert = cert.issuerCertificate;
      }
      socket.end();
      done(pems.join(''));
    });
    socket.on('error', (e: Error) => fail(new CliError(`could not read the server certificate: ${e.message}`)));
  });
}

export function registerGenerateCommand(program: Command): void {
  const generate = program.command('generate').description('Generate certificates and keys required for MDM, or osquery settings');
  generate
    .command('osquery-flags')
    .description('Write osquery.flags, fleet.pem and secret.txt so a real osqueryd enrolls in this server')
    .requiredOption('--dir <dir>', 'directory to write the files into')
    .option('--enroll-secret <secret>', 'enroll secret to use (default: the first global enroll secret)')
    .action(async (o: { dir: string; enrollSecret?: string }, cmd: Command) => {
      await withSession(cmd, async (s) => {
        const url = new URL(s.client.base);
        if (url.protocol !== 'https:') process.stderr.write('[!] osquery connects over TLS only; this context\'s address is not https\n');
        let secret = o.enrollSecret;
        if (!secret) {
          const res = await s.client.api<{ spec: { secrets: Array<{ secret: string }> | null } }>('GET', '/spec/enroll_secret');
          secret = res.spec.secrets?.[0]?.secret;
          if (!secret) throw new CliError('No global enroll secret: apply one (kind: enroll_secret) or pass --enroll-secret');
        }
        const dir = resolve(o.dir);
        mkdirSync(dir, { recursive: true });
        const cert = `${dir}/fleet.pem`;
        const secretFile = `${dir}/secret.txt`;
        if (url.protocol === 'https:') writeFileSync(cert, await serverCertificate(s, url));
        writeFileSync(secretFile, secret, { mode: 0o600 });
        writeFileSync(`${dir}/osquery.flags`, osqueryFlagfile({ tlsHostname: url.host, certPath: cert, secretPath: secretFile, urlPrefix: url.pathname.replace(/\/+$/, '') }));
        process.stdout.write(`[+] Wrote ${dir}/osquery.flags, fleet.pem and secret.txt\nRun: osqueryd --flagfile ${dir}/osquery.flags\n`);
      });
    });
}
