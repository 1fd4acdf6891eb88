import { webcrypto } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAuthentication } from 'smtp-server';

/** One mail as the test SMTP server received it. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  /** The text/plain part, decoded. */
  readonly text: string;
  readonly html: string;
  /** The session was encrypted (implicit TLS or STARTTLS). */
  readonly secure: boolean;
  /** The user name the client authenticated as, or null. */
  readonly user: string | null;
  readonly authMethod: string | null;
}

export interface SmtpTestServerOptions {
  /** TLS from the first byte (SMTPS). */
  readonly implicitTls?: boolean;
  /** Offer STARTTLS (default false: a plain server). */
  readonly startTls?: boolean;
  /** Require this user and password (PLAIN, LOGIN or CRAM-MD5). */
  readonly auth?: { readonly user: string; readonly password: string };
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for tests: it keeps every mail it accepts and
 * can be stopped and started again on the same port, to play a mail server that is down. Its certificate
 * (for STARTTLS and implicit TLS) is self-signed for localhost and 127.0.0.1.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private boundPort = 0;

  private constructor(private readonly options: SmtpTestServerOptions, private readonly tls: { key: string; cert: string }) {}

  static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
    const s = new SmtpTestServer(options, await selfSignedLocalhost());
    await s.listen(0);
    return s;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The certificate the server presents (PEM). */
  get certificate(): string {
    return this.tls.cert;
  }

  /** Mails received for this address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts again on the port it had. */
  async restart(): Promise<void> {
    await this.listen(this.boundPort);
  }

  private async listen(port: number): Promise<void> {
    const o = this.options;
    const server = new SMTPServer({
      secure: o.implicitTls ?? false,
      key: this.tls.key,
      cert: this.tls.cert,
      logger: false,
      authOptional: !o.auth,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
      disabledCommands: o.startTls || o.implicitTls ? [] : ['STARTTLS'],
      onAuth: (auth: SMTPServerAuthentication, _session, callback) => {
        const ok = o.auth !== undefined && auth.username === o.auth.user
          && (auth.method === 'CRAM-MD5' ? auth.validatePassword?.(o.auth.password) === true : auth.password === o.auth.password);
        if (ok) callback(null, { user: { name: auth.username, method: auth.method } });
        else callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const user = session.user as { name: string; method: string } | undefined;
          this.received.push({
            ...parseMessage(Buffer.concat(chunks).toString('utf8')),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: user?.name ?? null,
            authMethod: user?.method ?? null,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }
}

/** The subject and the decoded text and HTML parts of a message as nodemailer composes it. */
function parseMessage(raw: string): { subject: string; text: string; html: string } {
  const [head] = raw.split(/\r?\n\r?\n/, 1);
  const subject = unfold(head ?? '').match(/^Subject: (.*)$/im)?.[1]?.trim() ?? '';
  return { subject, text: part(raw, 'text/plain'), html: part(raw, 'text/html') };
}

const unfold = (headers: string): string => headers.replace(/\r?\n[ \t]+/g, ' ');

function part(raw: string, type: string): string {
  const at = raw.search(new RegExp(`^Content-Type: ${type.replace('/', '\\/')}`, 'im'));
  if (at < 0) return '';
  const rest = raw.slice(at);
  const split = rest.search(/\r?\n\r?\n/);
  const headers = unfold(rest.slice(0, split));
  let body = rest.slice(split).replace(/^\r?\n\r?\n/, '');
  const end = body.search(/\r?\n--/);
  if (end >= 0) body = body.slice(0, end);
  const encoding = headers.match(/^Content-Transfer-Encoding: (\S+)/im)?.[1]?.toLowerCase() ?? '7bit';
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

async function selfSignedLocalhost(): Promise<{ key: string; cert: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=localhost', notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 24 * 3600_000),
    signingAlgorithm: alg, keys,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])],
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { key, cert: cert.toString('pem') };
}
