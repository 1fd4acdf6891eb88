import { DOMParser } from '@xmldom/xmldom/lib/dom-parser';
import type { XmlDocument, XmlElement } from '@xmldom/xmldom/lib/dom-parser';

export type { XmlElement };

export const NS = {
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** Largest SAML message or metadata document read (a response of a few KiB; metadata with many certificates). */
export const MAX_SAML_XML_BYTES = 1024 * 1024;

/**
 * Parses XML from an identity provider, refusing what SAML never needs and attacks use: a DOCTYPE (entity
 * expansion, external entities) and oversize input. Parse errors are errors, not a partial document.
 */
export function parseSamlXml(xml: string): XmlDocument & { readonly documentElement: XmlElement } {
  if (Buffer.byteLength(xml) > MAX_SAML_XML_BYTES) throw new Error('XML document too large');
  if (/<!DOCTYPE/i.test(xml)) throw new Error('XML with a DOCTYPE is refused');
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: (m: string) => problems.push(m), fatalError: (m: string) => problems.push(m) },
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (problems.length > 0 || !root) throw new Error(`invalid XML: ${problems[0] ?? 'no document element'}`);
  return { documentElement: root };
}

/** Element children of `parent` named `local` in namespace `ns` (direct children only: no searching into other elements). */
export function children(parent: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    const e = n as XmlElement;
    if (n.nodeType === 1 && e.namespaceURI === ns && e.localName === local) out.push(e);
  }
  return out;
}

export function child(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  return children(parent, ns, local)[0];
}

/** The text of an element: its text nodes joined (comments are not text), trimmed. */
export function text(el: XmlElement | undefined): string {
  return (el?.textContent ?? '').trim();
}
