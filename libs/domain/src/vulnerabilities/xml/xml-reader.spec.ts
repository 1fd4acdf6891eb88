import { readXmlElements, XmlSyntaxError } from './xml-reader';
import type { XmlElement } from './xml-reader';

const collect = (xml: string, wanted: (p: readonly string[]) => boolean): XmlElement[] => {
  const out: XmlElement[] = [];
  readXmlElements(xml, wanted, (el) => out.push(el));
  return out;
};

describe('readXmlElements', () => {
  const doc = `<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY x "y"> ]>
<!-- a comment <item> that is not one -->
<ns:root xmlns:ns="urn:x"><ns:item id="1" note='a &amp; "b"'>one &lt;1&gt; &#65;&#x42;<b>bold</b><![CDATA[<raw>&amp;]]></ns:item>
  <other><item id="2"/></other><item id="3">three</item></ns:root>`;

  it('hands over each wanted subtree with local names, decoded attributes, text and CDATA', () => {
    const items = collect(doc, (p) => p.length === 2 && p[1] === 'item');
    expect(items.map((i) => i.attrs['id'])).toEqual(['1', '3']);
    expect(items[0]?.attrs['note']).toBe('a & "b"');
    expect(items[0]?.text).toBe('one <1> AB<raw>&amp;');
    expect(items[0]?.children).toEqual([{ name: 'b', attrs: {}, children: [], text: 'bold' }]);
  });

  it('matches on the path, so nested elements of the same name elsewhere are not taken', () => {
    expect(collect(doc, (p) => p[p.length - 1] === 'item').map((i) => i.attrs['id'])).toEqual(['1', '2', '3']);
    expect(collect(doc, (p) => p.join('/') === 'root/other/item').map((i) => i.attrs['id'])).toEqual(['2']);
  });

  it('reports malformed documents', () => {
    expect(() => collect('<a><b></a>', () => true)).toThrow(XmlSyntaxError);
    expect(() => collect('<a>', () => false)).toThrow(/unexpected end/);
    expect(() => collect('<a x="1></a>', () => false)).toThrow(XmlSyntaxError);
  });
});
