/**
 * The little XML the control plane speaks: documents of elements, text and attributes, no
 * mixed content, no DTD. Enough to read the SDK's restXml request bodies and to write AWS's answers.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's text (entities decoded), '' when it has none. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** Parses a document into its root element; throws a SyntaxError on malformed XML. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Malformed XML at character ${i}: ${what}`);
  };
  const skipProlog = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated declaration');
        i = end + 2;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected an element');
    const nameMatch = /^<([A-Za-z_][\w.:-]*)/.exec(source.slice(i, i + 256));
    if (!nameMatch) fail('expected an element name');
    const name = nameMatch![1]!;
    i += nameMatch![0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i, i + 4096));
      if (!attr) break;
      attributes[attr[1]!] = decodeEntities(attr[3] ?? attr[4] ?? '');
      i += attr[0].length;
    }
    while (/\s/.test(source[i] ?? '')) i++;
    if (source.startsWith('/>', i)) {
      i += 2;
      return { name, attributes, children: [], text: '' };
    }
    if (source[i] !== '>') fail(`expected > in <${name}>`);
    i++;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`unterminated <${name}>`);
      if (source.startsWith('</', i)) {
        const close = `</${name}`;
        if (!source.startsWith(close, i)) fail(`mismatched closing tag in <${name}>`);
        i += close.length;
        while (/\s/.test(source[i] ?? '')) i++;
        if (source[i] !== '>') fail(`expected > in </${name}>`);
        i++;
        return { name, attributes, children, text: children.length > 0 ? '' : text };
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (source[i] === '<') {
        children.push(element());
      } else {
        const next = source.indexOf('<', i);
        const end = next < 0 ? source.length : next;
        text += decodeEntities(source.slice(i, end));
        i = end;
      }
    }
  };
  skipProlog();
  const root = element();
  skipProlog();
  if (i < source.length) fail('content after the root element');
  return root;
}

/** Text escaped for an element's content (CR kept as a reference: a parser would fold it). */
export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
