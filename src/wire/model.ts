/**
 * The shape of the binding tables in `bindings.ts` (generated from the AWS models by
 * `scripts/wire-bindings.mjs`): per plane, each operation's HTTP binding and every shape it reaches.
 */

export type Plane = 'data' | 'control';

/** Where a structure member travels in an HTTP message; a body member has none. */
export type Location = 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';

export interface MemberBinding {
  shape: string;
  location?: Location;
  /** The name on the wire (header, label, query key, XML element) when it is not the member's. */
  locationName?: string;
  timestampFormat?: string;
}

export type Shape =
  | { type: 'structure'; members: Record<string, MemberBinding>; payload?: string; error?: { status: number; fault: 'client' | 'server' } }
  | { type: 'list'; member: string; memberName?: string; flattened?: boolean }
  | { type: 'string' | 'integer' | 'long' | 'boolean' | 'blob' | 'timestamp' | 'double' | 'float'; timestampFormat?: string };

export interface OperationBinding {
  method: string;
  /** The path template, with `{Label}` segments and an optional fixed query (`?Operation=Tag`). */
  uri: string;
  /** The status of a success. */
  status: number;
  input?: string;
  /** The root element of a restXml request body without a payload member. */
  inputRoot?: string;
  output?: string;
  errors: string[];
}

export interface WireTable {
  operations: Record<string, OperationBinding>;
  shapes: Record<string, Shape>;
}

export type WireTables = Record<Plane, WireTable>;

/** The namespace of every control-plane XML document. */
export const CLOUDFRONT_XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

/** A member's name on the wire. */
export function wireName(name: string, member: MemberBinding): string {
  return member.locationName ?? name;
}
