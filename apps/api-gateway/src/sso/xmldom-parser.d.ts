/**
 * The part of @xmldom/xmldom the SSO code uses, declared here because the package's own types pull the DOM
 * library into the whole program (`/// <reference lib="dom" />`), which changes `fetch`, `crypto` and other
 * globals for every other file. The parser module is imported directly for the same reason.
 */
declare module '@xmldom/xmldom/lib/dom-parser' {
  export interface XmlNode {
    readonly nodeType: number;
    readonly firstChild: XmlNode | null;
    readonly nextSibling: XmlNode | null;
    readonly textContent: string | null;
  }
  export interface XmlElement extends XmlNode {
    readonly namespaceURI: string | null;
    readonly localName: string;
    getAttribute(name: string): string | null;
  }
  export interface XmlDocument {
    readonly documentElement: XmlElement | null;
  }
  export interface ParseErrorHandler {
    warning?: (message: string) => void;
    error?: (message: string) => void;
    fatalError?: (message: string) => void;
  }
  export class DOMParser {
    constructor(options?: { errorHandler?: ParseErrorHandler });
    parseFromString(xml: string, mimeType: string): XmlDocument;
  }
}
