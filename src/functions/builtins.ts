import type { FunctionRuntime } from './types';

/**
 * The built-ins each runtime offers, as AWS lists them ("JavaScript runtime 1.0 / 2.0 features
 * for CloudFront Functions", CloudFront Developer Guide): ES 5.1 plus the listed additions. The
 * sandbox keeps these globals and, on the objects named here, these methods and accessors;
 * every other global is gone (a ReferenceError when code names it) and every other method or
 * accessor of these objects is removed (`[].flat` is undefined, as on the edge). Constants,
 * `constructor`, `toString`, `valueOf` and symbol-keyed members are always kept.
 */
export interface BuiltinAllowList {
  globals: string[];
  members: Record<string, string[]>;
}

const ES5_GLOBALS = ['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Math', 'Date', 'RegExp', 'JSON', 'Error', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'InternalError', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'NaN', 'Infinity', 'undefined', 'eval', 'globalThis', 'console', 'require', 'Promise',
  'ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'];

const OBJECT_STATIC = ['getPrototypeOf', 'getOwnPropertyDescriptor', 'getOwnPropertyNames', 'create', 'defineProperty', 'defineProperties', 'seal', 'freeze',
  'preventExtensions', 'isSealed', 'isFrozen', 'isExtensible', 'keys', 'assign', 'is', 'setPrototypeOf', 'entries', 'values'];
const OBJECT_PROTO = ['toLocaleString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__proto__'];
const STRING_PROTO = ['charAt', 'charCodeAt', 'concat', 'indexOf', 'lastIndexOf', 'localeCompare', 'match', 'replace', 'search', 'slice', 'split', 'substr',
  'substring', 'toLowerCase', 'toLocaleLowerCase', 'toUpperCase', 'toLocaleUpperCase', 'trim', 'codePointAt', 'endsWith', 'includes', 'repeat',
  'startsWith', 'padStart', 'padEnd', 'trimStart', 'trimEnd'];
const NUMBER_STATIC = ['isFinite', 'isInteger', 'isNaN', 'isSafeInteger', 'parseFloat', 'parseInt'];
const NUMBER_PROTO = ['toLocaleString', 'toFixed', 'toExponential', 'toPrecision'];
const MATH = ['abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cbrt', 'ceil', 'clz32', 'cos', 'cosh', 'exp', 'expm1', 'floor', 'fround',
  'hypot', 'imul', 'log', 'log1p', 'log2', 'log10', 'max', 'min', 'pow', 'random', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc'];
const ARRAY_PROTO = ['toLocaleString', 'concat', 'join', 'pop', 'push', 'reverse', 'shift', 'slice', 'sort', 'splice', 'unshift', 'indexOf', 'lastIndexOf',
  'every', 'some', 'forEach', 'map', 'filter', 'reduce', 'reduceRight', 'copyWithin', 'fill', 'find', 'findIndex', 'includes'];
const TYPED_PROTO_10 = ['copyWithin', 'fill', 'join', 'set', 'slice', 'subarray', 'buffer', 'byteLength', 'byteOffset', 'length'];
const TYPED_PROTO_20 = [...TYPED_PROTO_10, 'every', 'filter', 'find', 'findIndex', 'forEach', 'includes', 'indexOf', 'lastIndexOf', 'map', 'reduce',
  'reduceRight', 'reverse', 'some', 'sort'];
const DATE_STATIC = ['now', 'parse', 'UTC'];
const DATE_PROTO = ['toDateString', 'toTimeString', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'getTime', 'getFullYear', 'getUTCFullYear',
  'getMonth', 'getUTCMonth', 'getDate', 'getUTCDate', 'getDay', 'getUTCDay', 'getHours', 'getUTCHours', 'getMinutes', 'getUTCMinutes', 'getSeconds',
  'getUTCSeconds', 'getMilliseconds', 'getUTCMilliseconds', 'getTimezoneOffset', 'setTime', 'setMilliseconds', 'setUTCMilliseconds', 'setSeconds',
  'setUTCSeconds', 'setMinutes', 'setUTCMinutes', 'setHours', 'setUTCHours', 'setDate', 'setUTCDate', 'setMonth', 'setUTCMonth', 'setFullYear',
  'setUTCFullYear', 'toUTCString', 'toISOString', 'toJSON'];
// The flag accessors stay in both runtimes: the engine's own split, replace and matchAll read them.
const REGEXP_PROTO = ['exec', 'test', 'global', 'ignoreCase', 'multiline', 'source', 'sticky', 'flags', 'unicode', 'dotAll', 'hasIndices', 'unicodeSets'];
const DATAVIEW_PROTO = ['buffer', 'byteLength', 'byteOffset', 'getFloat32', 'getFloat64', 'getInt8', 'getInt16', 'getInt32', 'getUint8', 'getUint16',
  'getUint32', 'setFloat32', 'setFloat64', 'setInt8', 'setInt16', 'setInt32', 'setUint8', 'setUint16', 'setUint32'];

function members(runtime: FunctionRuntime): Record<string, string[]> {
  const v2 = runtime === 'cloudfront-js-2.0';
  const list: Record<string, string[]> = {
    Object: v2 ? [...OBJECT_STATIC, 'getOwnPropertyDescriptors'] : OBJECT_STATIC,
    'Object.prototype': OBJECT_PROTO,
    'Function.prototype': ['apply', 'bind', 'call'],
    // 1.0 keeps njs's byte-string methods (sandbox/bytes.ts); 2.0 has Buffer instead.
    String: v2 ? ['fromCharCode', 'fromCodePoint'] : ['fromCharCode', 'fromCodePoint', 'bytesFrom'],
    'String.prototype': v2 ? [...STRING_PROTO, 'replaceAll'] : [...STRING_PROTO, 'fromBytes', 'fromUTF8', 'toBytes', 'toUTF8'],
    Number: NUMBER_STATIC,
    'Number.prototype': NUMBER_PROTO,
    Math: MATH,
    Array: ['isArray', 'of'],
    'Array.prototype': ARRAY_PROTO,
    '%TypedArray%': v2 ? ['from', 'of'] : [],
    '%TypedArray%.prototype': v2 ? TYPED_PROTO_20 : TYPED_PROTO_10,
    ArrayBuffer: ['isView'],
    'ArrayBuffer.prototype': ['slice', 'byteLength'],
    Promise: v2 ? ['all', 'allSettled', 'any', 'reject', 'resolve', 'race'] : ['reject', 'resolve'],
    'Promise.prototype': ['catch', 'finally', 'then'],
    Date: DATE_STATIC,
    'Date.prototype': DATE_PROTO,
    RegExp: [],
    'RegExp.prototype': REGEXP_PROTO,
    JSON: ['parse', 'stringify'],
    Error: [],
  };
  if (v2) {
    list['DataView.prototype'] = DATAVIEW_PROTO;
    list.Symbol = ['for', 'keyFor'];
    list['Symbol.prototype'] = ['description'];
  }
  return list;
}

/** The allow-list of one runtime. */
export function builtinsOf(runtime: FunctionRuntime): BuiltinAllowList {
  const v2 = runtime === 'cloudfront-js-2.0';
  const globals = v2 ? [...ES5_GLOBALS, 'DataView', 'Symbol', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'Buffer'] : [...ES5_GLOBALS, 'MemoryError'];
  return { globals, members: members(runtime) };
}
