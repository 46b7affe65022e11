/**
 * The two protocols, by the bindings: a request's members read from its path labels, query,
 * headers and body (restJson1 on the data plane, restXml on the control plane), and an output
 * or an error written as AWS writes it.
 */
import { BINDINGS } from './bindings';
import { CLOUDFRONT_XMLNS, wireName, type MemberBinding, type OperationBinding, type Plane, type Shape } from './model';
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
  const plan = inputPlan(plane, binding);
  for (const { name, wire, member, shape, location } of plan.members) {
    if (location === 'uri') {
      if (labels[wire] !== undefined) input[name] = fromText(shape, labels[wire]!, member);
    } else if (location === 'querystring') {
      const values = query.get(wire);
      if (values !== undefined) input[name] = shape.type === 'list' ? values.map((v) => fromText(shapeOf(table, shape.member), v)) : fromText(shape, values[0]!, member);
    } else if (location === 'header') {
      const value = headerOf(request.headers, wire);
      if (value !== undefined) input[name] = fromText(shape, value, member);
    } else if (location === 'payload') {
      const payload = readPayload(plane, member.shape, request);
      if (payload !== undefined) input[name] = payload;
    }
  }
  if (plan.body) {
    const body = plane === 'data' ? readJson(request) : readXmlRoot(request);
    if (body !== undefined) {
      const members = plane === 'data' ? fromJson(table, binding.input, body) : fromXml(table, binding.input, body as never);
      Object.assign(input, members);
    }
  }
  return input;
}

interface InputPlan {
  members: Array<{ name: string; wire: string; member: MemberBinding; shape: Shape; location: string | undefined }>;
  /** Whether the body holds the structure's own members (no payload member). */
  body: boolean;
}

/** Where each member of an operation's input travels, worked out once. */
const inputPlan = perBinding<InputPlan>((plane, binding) => {
  const table = BINDINGS[plane];
  const shape = shapeOf(table, binding.input!);
  const members: InputPlan['members'] = [];
  if (shape.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members)) {
      const location = member.location ?? (name === shape.payload ? 'payload' : undefined);
      if (location) members.push({ name, wire: wireName(name, member), member, shape: shapeOf(table, member.shape), location });
    }
  }
  return { members, body: shape.type === 'structure' && shape.payload === undefined };
});

/** A plan per operation binding, built on first use. */
function perBinding<P>(build: (plane: Plane, binding: OperationBinding) => P): (plane: Plane, binding: OperationBinding) => P {
  const plans = new WeakMap<OperationBinding, P>();
  return (plane, binding) => {
    let plan = plans.get(binding);
    if (!plan) plans.set(binding, (plan = build(plane, binding)));
    return plan;
  };
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
  // A fresh array each time: the SDK re-types the body it reads (Uint8ArrayBlobAdapter).
  let body: Uint8Array = new Uint8Array(0);
  const plan = outputPlan(plane, binding);
  for (const [name, header, shape] of plan.headers) {
    const value = output[name];
    if (value !== undefined && value !== null) headers[header] = toText(shape, value, 'header');
  }
  if (plan.payload) {
    const { name, member, raw } = plan.payload;
    const value = output[name];
    if (raw) {
      if (value !== undefined && value !== null) body = typeof value === 'string' ? utf8(value) : (value as Uint8Array);
      headers['content-type'] ??= 'application/octet-stream';
    } else if (value !== undefined && value !== null) {
      body = plane === 'data' ? utf8(JSON.stringify(toJson(table, member.shape, value))) : xmlDocument(toXml(table, member.shape, wireName(name, member), value, ` xmlns="${CLOUDFRONT_XMLNS}"`));
    }
  } else if (plan.body) {
    body = plane === 'data' ? utf8(JSON.stringify(toJson(table, binding.output!, output))) : xmlDocument(toXml(table, binding.output!, binding.output!, output, ` xmlns="${CLOUDFRONT_XMLNS}"`));
  }
  if (body.byteLength > 0 && headers['content-type'] === undefined) headers['content-type'] = plane === 'data' ? 'application/json' : 'text/xml';
  headers['content-length'] = String(body.byteLength);
  return { statusCode: binding.status, headers, body };
}


interface OutputPlan {
  /** Member, header name (lower case), shape. */
  headers: Array<[string, string, Shape]>;
  payload: { name: string; member: MemberBinding; raw: boolean } | undefined;
  /** Whether the structure's own members make the body (no payload member). */
  body: boolean;
}

/** Where each member of an operation's output travels, worked out once. */
const outputPlan = perBinding<OutputPlan>((plane, binding) => {
  const table = BINDINGS[plane];
  const shape = binding.output ? shapeOf(table, binding.output) : undefined;
  const plan: OutputPlan = { headers: [], payload: undefined, body: false };
  if (shape?.type === 'structure') {
    for (const [name, member] of Object.entries(shape.members)) {
      if (member.location === 'header') plan.headers.push([name, wireName(name, member).toLowerCase(), shapeOf(table, member.shape)]);
    }
    if (shape.payload !== undefined) {
      const member = shape.members[shape.payload]!;
      const type = shapeOf(table, member.shape).type;
      plan.payload = { name: shape.payload, member, raw: type === 'blob' || type === 'string' };
    } else plan.body = Object.values(shape.members).some((m) => !m.location);
  }
  return plan;
});

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
