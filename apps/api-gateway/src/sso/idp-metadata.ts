import { NS, child, children, parseSamlXml, text } from './saml-xml';

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What this server needs of an identity provider's SAML metadata. */
export interface IdpMetadata {
  /** The identity provider's entity id: the Issuer its assertions must carry. */
  readonly entityId: string;
  /** Its SingleSignOnService for the HTTP-Redirect binding: where POST /sso sends the browser. */
  readonly ssoUrl: string;
  /** Its signing certificates (base64 DER); an assertion must be signed by one of them. */
  readonly certificates: readonly string[];
}

/**
 * Reads an EntityDescriptor (or the first one of an EntitiesDescriptor) with an IDPSSODescriptor. Keys marked
 * `use="encryption"` are not signing keys and are left out.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const root = parseSamlXml(xml).documentElement;
  const entity = root.localName === 'EntitiesDescriptor' && root.namespaceURI === NS.md ? child(root, NS.md, 'EntityDescriptor') : root;
  if (!entity || entity.localName !== 'EntityDescriptor' || entity.namespaceURI !== NS.md) throw new Error('metadata has no EntityDescriptor');
  const entityId = entity.getAttribute('entityID') ?? '';
  const idp = child(entity, NS.md, 'IDPSSODescriptor');
  if (!entityId || !idp) throw new Error('metadata has no identity provider (IDPSSODescriptor with an entityID)');
  const sso = children(idp, NS.md, 'SingleSignOnService').find((s) => s.getAttribute('Binding') === REDIRECT_BINDING);
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (!/^https?:\/\//i.test(ssoUrl)) throw new Error('metadata has no HTTP-Redirect SingleSignOnService');
  const certificates = children(idp, NS.md, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => {
      const data = child(k, NS.ds, 'KeyInfo');
      const x509 = data ? child(data, NS.ds, 'X509Data') : undefined;
      return x509 ? children(x509, NS.ds, 'X509Certificate').map((c) => text(c).replace(/\s+/g, '')) : [];
    })
    .filter((c) => c !== '');
  if (certificates.length === 0) throw new Error('metadata has no signing certificate');
  return { entityId, ssoUrl, certificates };
}
