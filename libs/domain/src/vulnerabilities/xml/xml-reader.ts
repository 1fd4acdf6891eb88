/**
 * A small streaming XML reader for the vulnerability feeds (OVAL definitions, Microsoft's CVRF documents),
 * which are too large to keep as a whole tree: it walks the text once and hands over, one at a time, the
 * subtrees of the elements a caller asks for, so memory holds one definition at a time rather than the file.
 * It understands elements, attributes, character and entity references, CDATA, comments, processing
 * instructions and a DOCTYPE (skipped); namespaces are reduced to local names (the feeds use fixed ones).
 */
export interface XmlElement {
  /** Local name (the namespace prefix removed). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (not its descendants'), entities decoded, untrimmed. */
  text: string;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? m;
  });
}

const localName = (qname: string): string => {
  const colon = qname.indexOf(':');
  return colon >= 0 ? qname.slice(colon + 1) : qname;
};

function parseAttributes(s: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const name = m[1];
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    attrs[localName(name)] = decodeXmlText(m[3] ?? m[4] ?? '');
  }
  if (/[^\s]/.test(s.replace(re, ''))) throw new XmlSyntaxError(`malformed attributes near offset ${at}`);
  return attrs;
}

/**
 * Walks `xml` and calls `onElement` with the complete subtree of every element for which `wanted(path)` is
 * true, `path` being the local names from the root down to it. An element inside a wanted one is part of
 * that one's subtree and not reported again. Throws XmlSyntaxError on malformed input.
 */
export function readXmlElements(xml: string, wanted: (path: readonly string[]) => boolean, onElement: (el: XmlElement, path: readonly string[]) => void): void {
  const path: string[] = [];
  // The element being captured and its open descendants (the last is the innermost).
  const capture: XmlElement[] = [];
  let captureDepth = -1;
  let i = 0;
  const n = xml.length;
  // Text outside a captured element is skipped without being sliced or decoded.
  const appendText = (from: number, to: number, raw = false): void => {
    const cur = capture[capture.length - 1];
    if (cur && to > from) cur.text += raw ? xml.slice(from, to) : decodeXmlText(xml.slice(from, to));
  };
  const open = (qname: string, attrText: string, selfClosing: boolean, at: number): void => {
    const name = localName(qname);
    path.push(name);
    if (capture.length === 0 && wanted(path)) {
      capture.push({ name, attrs: parseAttributes(attrText, at), children: [], text: '' });
      captureDepth = path.length;
    } else if (capture.length > 0) {
      const el: XmlElement = { name, attrs: parseAttributes(attrText, at), children: [], text: '' };
      (capture[capture.length - 1]).children.push(el);
      capture.push(el);
    }
    if (selfClosing) close(name, at);
  };
  const close = (name: string, at: number): void => {
    const top = path[path.length - 1];
    if (top !== name) throw new XmlSyntaxError(`unexpected </${name}> near offset ${at} (open: ${top ?? 'none'})`);
    if (capture.length > 0) {
      const el = capture.pop() as XmlElement;
      if (capture.length === 0 && path.length === captureDepth) {
        onElement(el, path.slice());
        captureDepth = -1;
      }
    }
    path.pop();
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      appendText(i, n);
      break;
    }
    appendText(i, lt);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlSyntaxError(`unterminated comment at offset ${lt}`);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlSyntaxError(`unterminated CDATA at offset ${lt}`);
      appendText(lt + 9, end, true);
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlSyntaxError(`unterminated processing instruction at offset ${lt}`);
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let k = lt + 2;
      let depth = 0;
      while (k < n && !(xml[k] === '>' && depth === 0)) {
        if (xml[k] === '[') depth++;
        else if (xml[k] === ']') depth--;
        k++;
      }
      i = k + 1;
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw new XmlSyntaxError(`unterminated end tag at offset ${lt}`);
      close(localName(xml.slice(lt + 2, end).trim()), lt);
      i = end + 1;
    } else {
      // A start tag: find its end outside quoted attribute values.
      let k = lt + 1;
      let quote = '';
      while (k < n) {
        const c = xml[k];
        if (quote) { if (c === quote) quote = ''; } else if (c === '"' || c === "'") quote = c; else if (c === '>') break;
        k++;
      }
      if (k >= n) throw new XmlSyntaxError(`unterminated start tag at offset ${lt}`);
      let body = xml.slice(lt + 1, k);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const m = /^([^\s/>]+)/.exec(body);
      if (!m) throw new XmlSyntaxError(`empty tag name at offset ${lt}`);
      const qname = m[1];
      open(qname, body.slice(qname.length), selfClosing, lt);
      i = k + 1;
    }
  }
  if (path.length > 0) throw new XmlSyntaxError(`unexpected end of document inside <${path[path.length - 1] ?? ''}>`);
}

/** The first child named `name`. */
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
/** Every child named `name`. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
/** The trimmed text of the first child named `name` ('' when absent). */
export const childText = (el: XmlElement, name: string): string => childNamed(el, name)?.text.trim() ?? '';
/** Every descendant named `name`, depth first. */
export function descendantsNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
