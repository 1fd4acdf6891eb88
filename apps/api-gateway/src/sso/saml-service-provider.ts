import { randomBytes } from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { CacheProvider } from '@node-saml/node-saml';
import type { SamlAttributes } from '@fleet/domain';
import type { IdpMetadata } from './idp-metadata';
import { NS, child, children, parseSamlXml, text } from './saml-xml';
import type { XmlElement } from './saml-xml';

/** This server as a SAML service provider: its entity id, its assertion consumer URL and the audiences it answers to. */
export interface ServiceProvider {
  readonly entityId: string;
  readonly acsUrl: string;
  /** Fleet accepts its entity id, its server URL and its callback URL as the audience. */
  readonly audiences: readonly string[];
  /** sso_settings.issuer_uri when set: the assertion's issuer must be this too. */
  readonly issuerUri: string;
}

/** A verified assertion, read only from the bytes the identity provider's signature covers. */
export interface VerifiedAssertion {
  readonly issuer: string;
  readonly assertionId: string;
  /** The NameID: Fleet uses it as the user's email. */
  readonly nameId: string;
  readonly attributes: SamlAttributes;
  /** The latest moment the assertion may be used (its subject confirmation's NotOnOrAfter). */
  readonly notOnOrAfter: Date;
}

/** An assertion refused; the reason is for the log, the browser only learns that sign-in failed. */
export class SamlRejected extends Error {
  override readonly name = 'SamlRejected';
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
/** Clocks of the identity provider and this server may differ this much. */
const CLOCK_SKEW_MS = 60_000;

const pem = (der: string): string => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;

/** node-saml's cache of outstanding request ids, reduced to the one request this callback may answer. */
function oneRequest(requestId: string | null, issuedAt: Date): CacheProvider {
  return {
    saveAsync: (_key, value) => Promise.resolve({ value, createdAt: issuedAt.getTime() }),
    getAsync: (key) => Promise.resolve(requestId !== null && key === requestId ? issuedAt.toISOString() : null),
    removeAsync: () => Promise.resolve(null),
  };
}

function saml(sp: ServiceProvider, idp: IdpMetadata, requestId: string | null, issuedAt: Date, validityMs: number, newId?: () => string): SAML {
  return new SAML({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: idp.ssoUrl,
    idpCert: idp.certificates.map(pem),
    idpIssuer: idp.entityId,
    // Audiences, recipient, destination and issuer are checked below against Fleet's lists.
    audience: false,
    // Either the Response or the Assertion must carry a valid signature by the identity provider's key; node-saml
    // then reads the assertion only from the signed bytes.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    validateInResponseTo: requestId === null ? ValidateInResponseTo.never : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: validityMs,
    cacheProvider: oneRequest(requestId, issuedAt),
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(newId ? { generateUniqueId: newId } : {}),
  });
}

/** The identity provider URL that starts a sign-on (HTTP-Redirect binding), and the id of its AuthnRequest. */
export async function authorizeUrl(sp: ServiceProvider, idp: IdpMetadata, relayState: string): Promise<{ url: string; requestId: string }> {
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const url = await saml(sp, idp, null, new Date(), 0, () => requestId).getAuthorizeUrlAsync(relayState, undefined, {});
  return { url, requestId };
}

/**
 * Verifies a base64 SAMLResponse posted to the callback. `requestId` is the AuthnRequest this server sent
 * (its session's), or null for an IdP-initiated login, which must then answer no request. Refused: no valid
 * signature of the identity provider over the assertion (unsigned, signed by another key, altered after
 * signing, or a signature that covers another element than the one read: wrapping), more than one
 * assertion, an encrypted one, a wrong issuer, audience, recipient or destination, an assertion outside its
 * validity (NotBefore / NotOnOrAfter, with a minute of clock skew), an answer to another request.
 * Replays are refused by the caller (the assertion id is recorded until `notOnOrAfter`).
 */
export async function verifySamlResponse(
  sp: ServiceProvider, idp: IdpMetadata, samlResponse: string, requestId: string | null, issuedAt: Date, validityMs: number,
): Promise<VerifiedAssertion> {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  let response: XmlElement;
  try {
    response = parseSamlXml(xml).documentElement;
  } catch (err) {
    throw new SamlRejected((err as Error).message);
  }
  if (response.localName !== 'Response' || response.namespaceURI !== NS.samlp) throw new SamlRejected('not a SAML Response');
  if (children(response, NS.saml, 'EncryptedAssertion').length > 0) throw new SamlRejected('encrypted assertions are not supported');
  if (children(response, NS.saml, 'Assertion').length !== 1) throw new SamlRejected('the response must carry exactly one assertion');
  const destination = response.getAttribute('Destination');
  if (destination && destination !== sp.acsUrl) throw new SamlRejected(`wrong destination ${destination}`);
  const inResponseTo = response.getAttribute('InResponseTo') || null;
  if (requestId === null && inResponseTo !== null) throw new SamlRejected('an answer to a request this browser did not start');
  if (requestId !== null && inResponseTo !== requestId) throw new SamlRejected('InResponseTo does not match the request');

  let assertionXml: string;
  try {
    const { profile } = await saml(sp, idp, requestId, issuedAt, validityMs).validatePostResponseAsync({ SAMLResponse: samlResponse });
    if (!profile?.getAssertionXml) throw new Error('no assertion');
    assertionXml = profile.getAssertionXml();
  } catch (err) {
    throw new SamlRejected((err as Error).message);
  }
  return readSignedAssertion(sp, idp, assertionXml, requestId);
}

/** Fleet's checks on the signed assertion's own content. */
function readSignedAssertion(sp: ServiceProvider, idp: IdpMetadata, assertionXml: string, requestId: string | null): VerifiedAssertion {
  const assertion = parseSamlXml(assertionXml).documentElement;
  const issuer = text(child(assertion, NS.saml, 'Issuer'));
  if (issuer !== idp.entityId || (sp.issuerUri && issuer !== sp.issuerUri)) throw new SamlRejected(`wrong issuer ${issuer}`);
  const assertionId = assertion.getAttribute('ID') ?? '';
  if (!assertionId) throw new SamlRejected('assertion without an ID');

  const conditions = child(assertion, NS.saml, 'Conditions');
  const restrictions = conditions ? children(conditions, NS.saml, 'AudienceRestriction') : [];
  if (restrictions.length === 0) throw new SamlRejected('assertion without an audience');
  for (const r of restrictions) {
    const audiences = children(r, NS.saml, 'Audience').map(text);
    if (!audiences.some((a) => sp.audiences.includes(a))) throw new SamlRejected(`wrong audience ${audiences.join(', ')}`);
  }

  const subject = child(assertion, NS.saml, 'Subject');
  const nameId = text(subject ? child(subject, NS.saml, 'NameID') : undefined);
  if (!subject || !nameId) throw new SamlRejected('assertion without a NameID');
  const confirmation = children(subject, NS.saml, 'SubjectConfirmation')
    .filter((c) => c.getAttribute('Method') === BEARER)
    .map((c) => child(c, NS.saml, 'SubjectConfirmationData'))
    .find((d): d is XmlElement => d !== undefined && d.getAttribute('Recipient') === sp.acsUrl);
  if (!confirmation) throw new SamlRejected('no bearer subject confirmation for this server');
  const subjectInResponseTo = confirmation.getAttribute('InResponseTo') || null;
  if (subjectInResponseTo !== requestId && !(requestId === null && subjectInResponseTo === null)) throw new SamlRejected('subject confirmation answers another request');
  const notOnOrAfter = new Date(confirmation.getAttribute('NotOnOrAfter') ?? '');
  if (Number.isNaN(notOnOrAfter.getTime())) throw new SamlRejected('subject confirmation without NotOnOrAfter');

  const attributes: Record<string, string[]> = {};
  for (const statement of children(assertion, NS.saml, 'AttributeStatement')) {
    for (const a of children(statement, NS.saml, 'Attribute')) {
      const name = a.getAttribute('Name') ?? '';
      if (name) attributes[name] = [...(attributes[name] ?? []), ...children(a, NS.saml, 'AttributeValue').map(text)];
    }
  }
  return { issuer, assertionId, nameId, attributes, notOnOrAfter };
}
