/**
 * The two protocols, by the bindings: a request's members read from its path labels, query,
 * headers and body (restJson1 on the data plane, restXml on the control plane), and an output
 * or an error written as AWS writes it.
 */
import { BINDINGS } from './bindings';
import { CLOUDFRONT_XMLNS, wireName, type OperationBinding, type Plane } from './model';
import { bodyBytes, bodyText, headerOf, utf8, type WireRequest, type WireResponse } from './http';
import { fromJson, fromText, fromXml, shapeOf, toJson, toText, toXml } from './values';
import { escapeText, parseXml } from './xml';

/** The request body could not be read: the service answers 400 with this code. */
export class MalformedRequest extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The input an operation's request carries, in the SDK's form. */
export function decodeInput(plane: Plane, binding: OperationBinding, labels: Record<string, string>, query: Map<string, string[]>, request: WireRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!binding.input) return input;
  const table = BINDINGS[plane];
  const shape = shapeOf(table, binding.input);
  if (shape.type !== 'structure') return input;
  let bodyRead = false;
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = wireName(name, member);
    const memberShape = shapeOf(table, member.shape);
    if (member.location === 'uri') {
      if (labels[wire] !== undefined) input[name] = fromText(memberShape, labels[wire]!, member);
    } else if (member.location === 'querystring') {
      const values = query.get(wire);
      if (values !== undefined) input[name] = memberShape.type === 'list' ? values.map((v) => fromText(shapeOf(table, memberShape.member), v)) : fromText(memberShape, values[0]!, member);
    } else if (member.location === 'header') {
      const value = headerOf(request.headers, wire);
      if (value !== undefined) input[name] = fromText(memberShape, value, member);
    } else if (name === shape.payload) {
      bodyRead = true;
      const payload = readPayload(plane, member.shape, request);
      if (payload !== undefined) input[name] = payload;
    }
  }
  if (!bodyRead && shape.payload === undefined) {
    const body = plane === 'data' ? readJson(request) : readXmlRoot(request);
    if (body !== undefined) {
      const members = plane === 'data' ? fromJson(table, binding.input, body) : fromXml(table, binding.input, body as never);
      Object.assign(input, members);
    }
  }
  return input;
}

function readPayload(plane: Plane, shapeName: string, request: WireRequest): unknown {
  const table = BINDINGS[plane];
  const shape = shapeOf(table, shapeName);
  if (shape.type === 'blob') return request.body === undefined || request.body === null ? undefined : new Uint8Array(bodyBytes(request.body));
  if (shape.type === 'string') return request.body === undefined || request.body === null ? undefined : bodyText(request.body);
  if (plane === 'data') {
    const json = readJson(request);
    return json === undefined ? undefined : fromJson(table, shapeName, json);
  }
  const root = readXmlRoot(request);
  return root === undefined ? undefined : fromXml(table, shapeName, root);
}

function readJson(request: WireRequest): unknown {
  const text = bodyText(request.body);
  if (!/\S/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequest('SerializationException', 'The request body is not valid JSON.');
  }
}

function readXmlRoot(request: WireRequest) {
  const text = bodyText(request.body);
  if (!/\S/.test(text)) return undefined;
  try {
    return parseXml(text);
  } catch (error) {
    throw new MalformedRequest('MalformedXML', `The XML you provided was not well-formed: ${(error as Error).message}.`);
  }
}

/** An operation's output as AWS sends it: the status of a success, its headers and its body. */
export function encodeOutput(plane: Plane, binding: OperationBinding, output: Record<string, unknown>, requestId: string): WireResponse {
  const table = BINDINGS[plane];
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  let body: Uint8Array = new Uint8Array(0);
  const shape = binding.output ? shapeOf(table, binding.output) : undefined;
  if (shape?.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members)) {
      const value = output[name];
      if (member.location === 'header' && value !== undefined && value !== null) headers[wireName(name, member).toLowerCase()] = toText(shapeOf(table, member.shape), value, 'header');
    }
    if (shape.payload !== undefined) {
      const member = shape.members[shape.payload]!;
      const payloadShape = shapeOf(table, member.shape);
      const value = output[shape.payload];
      if (payloadShape.type === 'blob' || payloadShape.type === 'string') {
        if (value !== undefined && value !== null) body = typeof value === 'string' ? utf8(value) : (value as Uint8Array);
        headers['content-type'] ??= 'application/octet-stream';
      } else if (value !== undefined && value !== null) {
        body = plane === 'data' ? utf8(JSON.stringify(toJson(table, member.shape, value))) : xmlDocument(toXml(table, member.shape, wireName(shape.payload, member), value, ` xmlns="${CLOUDFRONT_XMLNS}"`));
      }
    } else if (Object.values(shape.members).some((m) => !m.location)) {
      body = plane === 'data' ? utf8(JSON.stringify(toJson(table, binding.output!, output))) : xmlDocument(toXml(table, binding.output!, binding.output!, output, ` xmlns="${CLOUDFRONT_XMLNS}"`));
    }
  }
  if (body.byteLength > 0 && headers['content-type'] === undefined) headers['content-type'] = plane === 'data' ? 'application/json' : 'text/xml';
  headers['content-length'] = String(body.byteLength);
  return { statusCode: binding.status, headers, body };
}

/** A service error as AWS sends it: `x-amzn-errortype` and a JSON body, or an `<ErrorResponse>`. */
export function encodeError(plane: Plane, error: { code: string; message: string; status: number; fault: 'client' | 'server' }, requestId: string): WireResponse {
  let body: Uint8Array;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  if (plane === 'data') {
    headers['x-amzn-errortype'] = error.code;
    headers['content-type'] = 'application/json';
    body = utf8(JSON.stringify({ Message: error.message }));
  } else {
    headers['content-type'] = 'text/xml';
    const type = error.fault === 'server' ? 'Receiver' : 'Sender';
    body = xmlDocument(
      `<ErrorResponse xmlns="${CLOUDFRONT_XMLNS}"><Error><Type>${type}</Type><Code>${escapeText(error.code)}</Code><Message>${escapeText(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
  headers['content-length'] = String(body.byteLength);
  return { statusCode: error.status, headers, body };
}

function xmlDocument(root: string): Uint8Array {
  return utf8(`<?xml version="1.0" encoding="UTF-8"?>\n${root}`);
}
