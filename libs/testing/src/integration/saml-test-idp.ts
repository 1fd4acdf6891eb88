import { randomBytes, webcrypto } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import * as x509 from '@peculiar/x509';
import { SignedXml } from 'xml-crypto';

/** A signing key and its self-signed certificate (PEM). */
export interface SigningKey {
  readonly keyPem: string;
  readonly certPem: string;
  /** The certificate's base64 DER, as metadata carries it. */
  readonly certDer: string;
}

/** What the identity provider asserts, and how; every field has the value a correct IdP would use. */
export interface AssertionSpec {
  readonly nameId: string;
  readonly acsUrl: string;
  readonly audience: string;
  readonly inResponseTo?: string | null;
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly issuer?: string;
  /** The Response's Destination; null leaves it out. Default: acsUrl. */
  readonly destination?: string | null;
  /** SubjectConfirmationData's Recipient. Default: acsUrl. */
  readonly recipient?: string;
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  readonly assertionId?: string;
  /** Which elements carry a signature. Default: the assertion. */
  readonly sign?: 'assertion' | 'response' | 'both' | 'none';
  /** Sign with this key instead of the IdP's own (a forger's). */
  readonly key?: SigningKey;
}

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const newId = (): string => `_${randomBytes(16).toString('hex')}`;

export async function newSigningKey(name: string): Promise<SigningKey> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'), name: `CN=${name}`, notBefore: new Date(Date.now() - 3600_000), notAfter: new Date(Date.now() + 24 * 3600_000),
    signingAlgorithm: alg, keys,
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { keyPem, certPem: cert.toString('pem'), certDer: cert.toString('base64') };
}

/** An enveloped RSA-SHA256 signature (exclusive canonicalization) of the element with this ID, placed after its Issuer, as IdPs sign. */
export function signElement(xml: string, id: string, key: SigningKey): string {
  const sig = new SignedXml({ privateKey: key.keyPem, publicCert: key.certPem, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  sig.addReference({ xpath: `//*[@ID='${id}']`, digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'] });
  sig.computeSignature(xml, { location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/**
 * A SAML 2.0 identity provider for tests, over real HTTP: it serves its metadata (/metadata), takes
 * AuthnRequests on the HTTP-Redirect binding (/sso) and answers with the auto-posting form of the POST
 * binding, signing as a real IdP does (RSA-SHA256, exclusive c14n, enveloped, certificate in KeyInfo). Tests
 * also build responses directly — including forged, replayed and misdirected ones — with `response`.
 */
export class SamlTestIdp {
  /** Who "signs in" at /sso, and with which attributes. */
  user: { nameId: string; attributes?: Readonly<Record<string, readonly string[]>> } = { nameId: 'user@example.com' };

  private constructor(private readonly server: Server, readonly url: string, readonly key: SigningKey) {}

  static async start(): Promise<SamlTestIdp> {
    const key = await newSigningKey('test-idp');
    const ref: { idp?: SamlTestIdp } = {};
    const server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://idp');
      if (u.pathname === '/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(ref.idp!.metadata());
      } else if (u.pathname === '/sso') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(ref.idp!.answerAuthnRequest(u.searchParams.get('SAMLRequest') ?? '', u.searchParams.get('RelayState') ?? ''));
      } else {
        res.writeHead(404).end();
      }
    });
    // Idle connections stay open until close(): a client reusing one the server just timed out would fail at random.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    ref.idp = new SamlTestIdp(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
    return ref.idp;
  }

  get entityId(): string {
    return `${this.url}/metadata`;
  }

  get metadataUrl(): string {
    return `${this.url}/metadata`;
  }

  metadata(key: SigningKey = this.key): string {
    return `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(this.entityId)}">`
      + '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
      + '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>'
      + `<ds:X509Certificate>${key.certDer}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`
      + '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>'
      + `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(this.url)}/sso"/>`
      + '</md:IDPSSODescriptor></md:EntityDescriptor>';
  }

  /** The AuthnRequest of a redirect URL from POST /sso: its ID, issuer (the SP's entity id) and ACS URL. */
  static readRequest(samlRequest: string): { id: string; issuer: string; acsUrl: string } {
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
    return {
      id: /\bID="([^"]+)"/.exec(xml)?.[1] ?? '',
      issuer: /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? '',
      acsUrl: /\bAssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? '',
    };
  }

  /** The base64 SAMLResponse for `spec`. */
  response(spec: AssertionSpec): string {
    return Buffer.from(this.responseXml(spec)).toString('base64');
  }

  responseXml(spec: AssertionSpec): string {
    const now = new Date();
    const issuer = spec.issuer ?? this.entityId;
    const responseId = newId();
    const assertionId = spec.assertionId ?? newId();
    const inResponseTo = spec.inResponseTo ? ` InResponseTo="${esc(spec.inResponseTo)}"` : '';
    const destination = spec.destination === null ? '' : ` Destination="${esc(spec.destination ?? spec.acsUrl)}"`;
    const notBefore = spec.notBefore ?? new Date(now.getTime() - 30_000);
    const notOnOrAfter = spec.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
    const attributes = Object.entries(spec.attributes ?? {}).map(([name, values]) => `<saml:Attribute Name="${esc(name)}">`
      + values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('') + '</saml:Attribute>').join('');
    const assertion = `<saml:Assertion xmlns:saml="${SAML}" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">`
      + `<saml:Issuer>${esc(issuer)}</saml:Issuer>`
      + `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(spec.nameId)}</saml:NameID>`
      + '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
      + `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${esc(spec.recipient ?? spec.acsUrl)}"/>`
      + '</saml:SubjectConfirmation></saml:Subject>'
      + `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}">`
      + `<saml:AudienceRestriction><saml:Audience>${esc(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
      + `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${newId()}"><saml:AuthnContext>`
      + '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>'
      + (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '')
      + '</saml:Assertion>';
    const key = spec.key ?? this.key;
    const sign = spec.sign ?? 'assertion';
    const signedAssertion = sign === 'assertion' || sign === 'both' ? signElement(assertion, assertionId, key) : assertion;
    const response = `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}"${destination}${inResponseTo}>`
      + `<saml:Issuer>${esc(issuer)}</saml:Issuer>`
      + '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
      + signedAssertion.replace(/^<\?xml[^>]*>/, '') + '</samlp:Response>';
    return sign === 'response' || sign === 'both' ? signElement(response, responseId, key) : response;
  }

  /** The /sso endpoint: signs `user` in for the request and answers the POST binding's auto-submitting form. */
  private answerAuthnRequest(samlRequest: string, relayState: string): string {
    const req = SamlTestIdp.readRequest(samlRequest);
    const saml = this.response({ nameId: this.user.nameId, attributes: this.user.attributes, acsUrl: req.acsUrl, audience: req.issuer, inResponseTo: req.id });
    return `<html><body onload="document.forms[0].submit()"><form method="post" action="${esc(req.acsUrl)}">`
      + `<input type="hidden" name="SAMLResponse" value="${saml}"/><input type="hidden" name="RelayState" value="${esc(relayState)}"/></form></body></html>`;
  }

  /** Reads the POST binding form a browser would submit. */
  static readForm(html: string): { action: string; SAMLResponse: string; RelayState: string } {
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    return { action: /action="([^"]+)"/.exec(html)?.[1] ?? '', SAMLResponse: value('SAMLResponse'), RelayState: value('RelayState') };
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
