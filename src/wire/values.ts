/**
 * Values between the SDK's form (strings, numbers, `Date`, `Uint8Array`, arrays, objects) and
 * their forms on the wire: JSON documents (restJson1), XML elements (restXml), and text in a
 * path label, query string or header. Driven by the model's shapes.
 */
import type { MemberBinding, Shape, WireTable } from './model';
import { wireName } from './model';
import { escapeText, type XmlElement } from './xml';

export function shapeOf(table: WireTable, name: string): Shape {
  const shape = table.shapes[name];
  if (!shape) throw new Error(`The wire bindings have no shape ${name}`);
  return shape;
}

const base64 = {
  encode: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  decode: (text: string) => new Uint8Array(Buffer.from(text, 'base64')),
};

/** Text of a label, query value or header, as its shape reads it. */
export function fromText(shape: Shape, text: string, member?: MemberBinding): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'timestamp': {
      const format = member?.timestampFormat ?? shape.timestampFormat;
      return format === 'unixTimestamp' ? new Date(Number(text) * 1000) : new Date(text);
    }
    case 'blob':
      return base64.decode(text);
    default:
      return text;
  }
}

/** A value as a header (timestamps as HTTP dates) or query text (timestamps in ISO 8601). */
export function toText(shape: Shape, value: unknown, where: 'header' | 'query'): string {
  if (shape.type === 'timestamp' && value instanceof Date) return where === 'header' ? value.toUTCString() : value.toISOString().replace('.000Z', 'Z');
  if (shape.type === 'blob' && value instanceof Uint8Array) return base64.encode(value);
  return String(value);
}

type Convert = (value: unknown) => unknown;

const readers = new WeakMap<WireTable, Map<string, Convert | null>>();
const writers = new WeakMap<WireTable, Map<string, Convert | null>>();

/**
 * A converter per shape, built once: `null` where the JSON value is already the SDK's (strings,
 * numbers, booleans, and structures and lists made only of them).
 */
function compiled(cache: WeakMap<WireTable, Map<string, Convert | null>>, table: WireTable, shapeName: string, scalar: (shape: Shape) => Convert | null, reading: boolean): Convert | null {
  let byName = cache.get(table);
  if (!byName) cache.set(table, (byName = new Map()));
  if (byName.has(shapeName)) return byName.get(shapeName)!;
  const shape = shapeOf(table, shapeName);
  let convert: Convert | null;
  if (shape.type === 'structure') {
    // Set first: a recursive shape finds its own converter.
    const fields: Array<[string, string, Convert | null]> = [];
    convert = (value) => {
      const out: Record<string, unknown> = {};
      const source = value as Record<string, unknown>;
      for (let i = 0; i < fields.length; i++) {
        const [to, from, inner] = fields[i]!;
        const v = source[from];
        if (v === undefined || v === null) continue;
        out[to] = inner ? inner(v) : v;
      }
      return out;
    };
    byName.set(shapeName, convert);
    let same = true;
    for (const [name, member] of Object.entries(shape.members)) {
      const wire = wireName(name, member);
      const inner = member.location ? null : compiled(cache, table, member.shape, scalar, reading);
      if (member.location || wire !== name || inner) same = false;
      if (member.location) continue;
      fields.push(reading ? [name, wire, inner] : [wire, name, inner]);
    }
    // Taken as it is: a structure of plain members only. Read, the operations' validators copy
    // the modeled members and ignore the rest; written, the operations build exactly the members.
    if (same) byName.set(shapeName, (convert = null));
    return convert;
  }
  if (shape.type === 'list') {
    const item = compiled(cache, table, shape.member, scalar, reading);
    convert = item ? (value) => (Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? v : item(v))) : value) : null;
  } else convert = scalar(shape);
  byName.set(shapeName, convert);
  return convert;
}

const readScalar = (shape: Shape): Convert | null => {
  if (shape.type === 'timestamp') return (value) => (typeof value === 'number' ? new Date(Math.round(value * 1000)) : new Date(String(value)));
  if (shape.type === 'blob') return (value) => (typeof value === 'string' ? base64.decode(value) : value);
  return null;
};

const writeScalar = (shape: Shape): Convert | null => {
  if (shape.type === 'timestamp') return (value) => (value instanceof Date ? value.getTime() / 1000 : value);
  if (shape.type === 'blob') return (value) => (value instanceof Uint8Array ? base64.encode(value) : value);
  return null;
};

/** A JSON body value in the SDK's form. */
export function fromJson(table: WireTable, shapeName: string, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const convert = compiled(readers, table, shapeName, readScalar, true);
  return convert ? convert(value) : value;
}

/** A value in restJson1's form: timestamps as epoch seconds, blobs in base64. */
export function toJson(table: WireTable, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const convert = compiled(writers, table, shapeName, writeScalar, false);
  return convert ? convert(value) : value;
}

/** An XML element's content in the SDK's form. */
export function fromXml(table: WireTable, shapeName: string, element: XmlElement): unknown {
  const shape = shapeOf(table, shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        if (member.location) continue;
        const tag = wireName(name, member);
        const memberShape = shapeOf(table, member.shape);
        if (memberShape.type === 'list' && memberShape.flattened) {
          const items = element.children.filter((c) => c.name === tag);
          if (items.length > 0) out[name] = items.map((item) => fromXml(table, memberShape.member, item));
          continue;
        }
        const child = element.children.find((c) => c.name === tag);
        if (child) out[name] = fromXml(table, member.shape, child);
      }
      return out;
    }
    case 'list': {
      const tag = shape.memberName ?? 'member';
      return element.children.filter((c) => c.name === tag).map((item) => fromXml(table, shape.member, item));
    }
    default:
      return fromText(shape, element.text);
  }
}

/** `<tag>content</tag>` of a value in restXml's form; '' for an absent value. */
export function toXml(table: WireTable, shapeName: string, tag: string, value: unknown, attributes = ''): string {
  if (value === undefined || value === null) return '';
  const shape = shapeOf(table, shapeName);
  let content: string;
  switch (shape.type) {
    case 'structure': {
      content = '';
      for (const [name, member] of Object.entries(shape.members)) {
        if (member.location) continue;
        content += toXml(table, member.shape, wireName(name, member), (value as Record<string, unknown>)[name]);
      }
      break;
    }
    case 'list': {
      const itemTag = shape.memberName ?? 'member';
      const items = (value as unknown[]).map((item) => toXml(table, shape.member, itemTag, item)).join('');
      if (shape.flattened) return (value as unknown[]).map((item) => toXml(table, shape.member, tag, item)).join('');
      content = items;
      break;
    }
    case 'timestamp':
      content = value instanceof Date ? value.toISOString() : escapeText(String(value));
      break;
    case 'blob':
      content = value instanceof Uint8Array ? base64.encode(value) : escapeText(String(value));
      break;
    default:
      content = escapeText(String(value));
  }
  return `<${tag}${attributes}>${content}</${tag}>`;
}

export { base64 };
