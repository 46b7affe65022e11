import { createRequire } from 'node:module';
import type { Node } from 'acorn';
import type { FunctionRuntime } from './types';

/**
 * The parser, loaded when the first function is checked: a process that never runs one (a
 * server answering keys) does not pay for it at start-up. `__filename` is the module's own in
 * CommonJS and tsup's shim in the ESM build.
 */
let parser: { parse: typeof import('acorn').parse; fullAncestor: typeof import('acorn-walk').fullAncestor } | undefined;
function loadParser(): NonNullable<typeof parser> {
  if (!parser) {
    const load = createRequire(__filename);
    parser = { parse: (load('acorn') as typeof import('acorn')).parse, fullAncestor: (load('acorn-walk') as typeof import('acorn-walk')).fullAncestor };
  }
  return parser;
}

/** The modules a 2.0 function may import (a default import each). */
const IMPORTABLE = ['cloudfront', 'crypto', 'querystring', 'buffer'];
const REGEXP_FLAGS = /^[gimy]*$/;
const IMPORT_PARAMETER = '__cloudfront_import__';
/** Called at every function entry and loop iteration: stops code that runs past the time limit (see sandbox/driver.ts). */
const CHECK = '__cloudfront_check__';
const RESERVED = /^__cloudfront_/;

/** A language feature the runtime refuses: CloudFront reports it as a SyntaxError when the function runs. */
export class LanguageError extends Error {
  constructor(message: string, line: number) {
    super(`${message} in ${line}`);
    this.name = 'SyntaxError';
  }
}

/** Code checked and ready to compile: the function's body wrapped so each run gets fresh top-level bindings. */
export interface CheckedCode {
  /** `(function (import) { 'use strict'; …code…; return { declared, handler } })`, lines unchanged. */
  wrapped: string;
}

type AnyNode = Node & Record<string, any>;

/**
 * "async arguments and closures are not supported" (Use async and await, CloudFront Developer
 * Guide): refused is an async arrow or function expression written as an argument of a call or
 * `new` (`list.map(async (x) => …)`, `p.then(async function () {…})`). An async function bound to a
 * name (`const f = async (req) => …`, as AWS's own samples deploy), an async method and an async
 * function returned or stored are accepted: refusing code that runs on CloudFront would be worse.
 */
const ASYNC_ARGUMENT = 'async arguments and closures are not supported';
const isArgument = (node: AnyNode, parent: AnyNode | undefined) =>
  !!parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && (parent.arguments as AnyNode[]).includes(node);

const unsupported = (token: string) => `Token "${token}" not supported in this version`;
const unexpected = (token: string) => `Unexpected token "${token}"`;

/**
 * Checks `code` against the language of `runtime` (ES 5.1 plus the features AWS lists for it),
 * and rewrites its imports. Throws a `LanguageError` naming the first refused construct.
 * Messages follow njs, the engine CloudFront Functions runs on.
 *
 * @example
 * ```ts
 * checkLanguage("import cf from 'cloudfront';\nfunction handler(e) { return e.request; }", 'cloudfront-js-2.0');
 * ```
 */
export function checkLanguage(code: string, runtime: FunctionRuntime): CheckedCode {
  const v2 = runtime === 'cloudfront-js-2.0';
  const { parse, fullAncestor } = loadParser();
  let ast: AnyNode;
  try {
    ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as AnyNode;
  } catch (error) {
    const e = error as { message: string; loc?: { line: number } };
    throw new LanguageError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), e.loc?.line ?? 1);
  }
  const imports: Array<{ local: string; source: string; start: number; end: number }> = [];
  const inserts: Insert[] = [];
  const guard = (body: AnyNode) => {
    if (body.type === 'BlockStatement') inserts.push({ at: body.start + 1, text: ` ${CHECK}();`, opening: true });
    else {
      inserts.push({ at: body.start, text: `{ ${CHECK}(); `, opening: true });
      inserts.push({ at: body.end, text: ' }', opening: false });
    }
  };
  const refuse = (node: AnyNode, message: string): never => {
    throw new LanguageError(message, node.loc?.start.line ?? 1);
  };
  fullAncestor(ast, (n, _state, ancestors) => {
    const node = n as AnyNode;
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    switch (node.type) {
      case 'ImportDeclaration': {
        if (!v2) refuse(node, unsupported('import'));
        const [specifier, ...more] = node.specifiers as AnyNode[];
        if (!specifier || more.length > 0 || specifier.type !== 'ImportDefaultSpecifier') refuse(node, 'Non-default import is not supported');
        if (!IMPORTABLE.includes(node.source.value)) refuse(node, `Cannot find module "${String(node.source.value)}"`);
        imports.push({ local: specifier!.local.name, source: node.source.value, start: node.start, end: node.end });
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        refuse(node, 'Illegal export statement');
        break;
      case 'ImportExpression':
        refuse(node, unsupported('import'));
        break;
      case 'VariableDeclaration':
        if (node.kind !== 'var' && !v2) refuse(node, unsupported(node.kind));
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.generator) refuse(node, unexpected('*'));
        if (node.async && !v2) refuse(node, unsupported('async'));
        if (node.async && isArgument(node, parent)) refuse(node, ASYNC_ARGUMENT);
        if (node.body.type === 'BlockStatement') guard(node.body);
        else {
          inserts.push({ at: node.body.start, text: `(${CHECK}(), `, opening: true });
          inserts.push({ at: node.body.end, text: ')', opening: false });
        }
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        guard(node.body);
        break;
      case 'Identifier':
        if (RESERVED.test(node.name)) refuse(node, `Identifier "${node.name}" is reserved by the runtime`);
        break;
      case 'AwaitExpression':
        if (!v2) refuse(node, unsupported('await'));
        if (!ancestors.some((a) => (a as AnyNode).async === true)) refuse(node, '"await" is only valid in async functions');
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        refuse(node, unsupported('class'));
        break;
      case 'Super':
        refuse(node, unsupported('super'));
        break;
      case 'ObjectPattern':
        refuse(node, unsupported('{'));
        break;
      case 'ArrayPattern':
        refuse(node, unsupported('['));
        break;
      case 'AssignmentPattern':
        refuse(node, unexpected('='));
        break;
      case 'RestElement':
        if (!parent || !/Function/.test(parent.type) || !(parent.params as AnyNode[]).includes(node)) refuse(node, unsupported('...'));
        break;
      case 'SpreadElement':
        refuse(node, unsupported('...'));
        break;
      case 'ForOfStatement':
        refuse(node, unsupported('of'));
        break;
      case 'ChainExpression':
        refuse(node, unexpected('?.'));
        break;
      case 'MetaProperty':
        refuse(node, unexpected('.'));
        break;
      case 'CatchClause':
        if (!node.param) refuse(node, unsupported('{'));
        break;
      case 'AssignmentExpression':
        if (node.operator === '&&=' || node.operator === '||=' || node.operator === '??=') refuse(node, unexpected('='));
        break;
      case 'Literal':
        if (node.bigint !== undefined) refuse(node, unexpected('n'));
        if (node.regex && !REGEXP_FLAGS.test(node.regex.flags)) refuse(node, `Invalid RegExp flags "${node.regex.flags}"`);
        if (!v2 && typeof node.value === 'number' && /_/.test(node.raw)) refuse(node, unexpected(node.raw));
        break;
    }
  });
  return { wrapped: wrap(code, imports, inserts) };
}

interface Insert {
  at: number;
  text: string;
  /** At one position, closing text goes before opening text. */
  opening: boolean;
}

function wrap(code: string, imports: Array<{ local: string; source: string; start: number; end: number }>, inserts: Insert[]): string {
  let body = code;
  // Imports become constants declared first (imports are hoisted); their text is blanked (same length,
  // newlines kept) before the checks go in.
  for (const { start, end } of [...imports].reverse()) body = body.slice(0, start) + body.slice(start, end).replace(/[^\n]/g, ' ') + body.slice(end);
  // Last position first, so earlier positions stay valid; at one position the opening text is
  // spliced first, which leaves it after the closing text.
  const ordered = [...inserts].sort((a, b) => b.at - a.at || Number(b.opening) - Number(a.opening));
  for (const { at, text } of ordered) body = body.slice(0, at) + text + body.slice(at);
  const bindings = imports.map(({ local, source }) => `const ${local} = ${IMPORT_PARAMETER}(${JSON.stringify(source)});`).join(' ');
  return (
    `(function (${IMPORT_PARAMETER}, ${CHECK}) { 'use strict'; ${bindings}` +
    body +
    `\n;return { declared: typeof handler !== 'undefined', handler: typeof handler !== 'undefined' ? handler : undefined };\n})`
  );
}
