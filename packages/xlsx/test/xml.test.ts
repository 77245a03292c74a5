import { describe, expect, it } from 'vitest';
import { decodeEntities, decodeXEscapes, END, EOF, START, TEXT, XmlReader } from '../src/xml.js';

function tokens(xml: string): string[] {
  const r = new XmlReader(xml, 'test.xml');
  const out: string[] = [];
  for (let k = r.next(); k !== EOF; k = r.next()) {
    if (k === START) {
      const attrs: string[] = [];
      while (r.nextAttr()) attrs.push(`${r.attrName}=${r.attrValue()}`);
      out.push(
        `<${r.name}${attrs.length ? ` ${attrs.join(' ')}` : ''}${r.selfClosing ? '/' : ''}>`,
      );
    } else if (k === END) out.push(`</${r.name}>`);
    else if (k === TEXT) out.push(JSON.stringify(r.text()));
  }
  return out;
}

describe('XmlReader', () => {
  it('reads elements, attributes (either quote, with ">" inside) and text', () => {
    expect(
      tokens(
        `<?xml version="1.0"?><a x="1" y='a>b' z = "&lt;&#65;" ><b/>t&amp;u<c:d e:f="2"></c:d ></a>`,
      ),
    ).toEqual(['<a x=1 y=a>b z=<A>', '<b/>', '"t&u"', '<d f=2>', '</d>', '</a>']);
  });

  it('skips comments, processing instructions and DOCTYPE; keeps CDATA raw', () => {
    expect(
      tokens('<!DOCTYPE a [ <!ENTITY x "y"> ]><a><!-- <b/> --><?pi x?><![CDATA[<&>]]></a>'),
    ).toEqual(['<a>', '"<&>"', '</a>']);
  });

  it('reads an attribute by local name and the text content of an element', () => {
    const r = new XmlReader(
      '<sheet name="Phụ &amp; lục" r:id="rId1"><t>a<b>b</b><![CDATA[c]]></t></sheet>',
      'x',
    );
    r.next();
    expect(r.attr('name')).toBe('Phụ & lục');
    expect(r.attr('id')).toBe('rId1');
    expect(r.attr('missing')).toBeUndefined();
    r.next();
    expect(r.readContent()).toBe('abc');
    expect(r.next()).toBe(END);
  });

  it('fails on unterminated markup, naming the part', () => {
    for (const xml of [
      '<a',
      '<a x="1',
      '</a',
      '<!-- x',
      '<![CDATA[x',
      '<?x',
      '<!DOCTYPE a [',
      '<',
    ]) {
      expect(() => tokens(xml), xml).toThrow(/test\.xml/);
    }
  });
});

describe('decoding', () => {
  it('decodes entities and keeps unknown ones', () => {
    const s = '&amp;&lt;&gt;&quot;&apos;&#273;&#x1EA1;&#X41;&nbsp;&#;&#xZZ;&#1114112;& x;&amp';
    expect(decodeEntities(s, 0, s.length)).toBe('&<>"\'đạA&nbsp;&#;&#xZZ;\uFFFD& x;&amp');
  });

  it('decodes _xHHHH_ escapes', () => {
    expect(decodeXEscapes('a_x000D_b')).toBe('a\rb');
    expect(decodeXEscapes('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeXEscapes('_x00e9_')).toBe('é');
    expect(decodeXEscapes('_x12_ _xZZZZ_')).toBe('_x12_ _xZZZZ_');
  });
});
