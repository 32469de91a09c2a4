/**
 * Small constant evaluation over expression summaries, for what Fastify passes in option
 * objects: strings (paths, prefixes, methods), numbers (`bodyLimit: 10 * 1024 * 1024`), booleans
 * (`global: false`), and the properties of option objects written inline, held in a variable or
 * spread from another object (`{ ...baseRoute, handler }`).
 */
import type { Expr, FnId, Span } from '../../model/ir';
import { exprName, type ProjectIndex } from '../project-index';

const MAX_DEPTH = 8;

/** A property of a resolved options object, with the scope its value is written in. */
export interface OptionProp {
  key: string;
  value: Expr;
  file: string;
  fnScope: FnId;
  /** The whole `key: value` (for locations). */
  span: Span;
}

export interface OptionsObject {
  props: Map<string, OptionProp>;
  /** The object literal that was resolved first (the one written at the call, or behind a variable). */
  file: string;
  span: Span;
  /** False when a spread or the object itself could not be resolved: absent keys may be present. */
  complete: boolean;
}

/** The properties of an options object: inline, behind a variable or import, and through spreads. */
export function resolveObject(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr | undefined, depth = 0): OptionsObject | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  if (expr.k === 'obj') {
    const out: OptionsObject = { props: new Map(), file, span: expr.span, complete: true };
    for (const p of expr.props) {
      if (p.spread) {
        const inner = resolveObject(index, file, fnScope, p.value, depth + 1);
        if (!inner) {
          out.complete = false;
          continue;
        }
        if (!inner.complete) out.complete = false;
        for (const [k, v] of inner.props) out.props.set(k, v);
        continue;
      }
      if (p.key === undefined) {
        out.complete = false;
        continue;
      }
      out.props.set(p.key, { key: p.key, value: p.value, file, fnScope, span: p.span });
    }
    return out;
  }
  if (expr.k === 'id' || expr.k === 'member') {
    const value = index.evaluate(file, expr, fnScope);
    if (value.kind === 'expr' && value.expr !== expr) return resolveObject(index, value.file, value.fnScope, value.expr, depth + 1);
  }
  return undefined;
}

/** A string constant: a literal, a template of constants, or a variable/import holding one. */
export function constString(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr | undefined, depth = 0): string | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  if (expr.k === 'str') return expr.value;
  if (expr.k === 'tpl') {
    let out = expr.quasis[0] ?? '';
    for (let i = 0; i < expr.exprs.length; i++) {
      const part = constString(index, file, fnScope, expr.exprs[i], depth + 1);
      if (part === undefined) return undefined;
      out += part + (expr.quasis[i + 1] ?? '');
    }
    return out;
  }
  if (expr.k === 'bin' && expr.op === '+') {
    const a = constString(index, file, fnScope, expr.left, depth + 1);
    const b = a === undefined ? undefined : constString(index, file, fnScope, expr.right, depth + 1);
    return a !== undefined && b !== undefined ? a + b : undefined;
  }
  if (expr.k === 'id' || expr.k === 'member') {
    const value = index.evaluate(file, expr, fnScope);
    if (value.kind === 'expr' && value.expr !== expr) return constString(index, value.file, value.fnScope, value.expr, depth + 1);
    if (expr.k === 'id') {
      const literal = commonJsLiteral(index, file, fnScope, expr.name);
      if (literal) return constString(index, literal.file, -1, literal.expr, depth + 1);
    }
  }
  return undefined;
}

/**
 * `const { API_PREFIX } = require('./config')` with `module.exports = { API_PREFIX: '/api' }`:
 * a literal property of a CommonJS export object, which import resolution leaves unresolved
 * (it follows only identifiers and functions there).
 */
function commonJsLiteral(index: ProjectIndex, file: string, fnScope: FnId, name: string): { file: string; expr: Expr } | undefined {
  const binding = index.lookup(file, name, fnScope);
  if (binding?.kind !== 'unresolved' || !binding.file) return undefined;
  const whole = index.get(binding.file)?.exports.find((e) => e.name === '=');
  const prop = whole?.expr?.k === 'obj' ? whole.expr.props.find((p) => p.key === binding.imported && !p.spread) : undefined;
  return prop ? { file: binding.file, expr: prop.value } : undefined;
}

/**
 * A path that may be partly dynamic: constants resolved, the rest shown as a `:parameter`, with a
 * note when it is not fully known.
 */
export function pathString(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr): { path: string; note: string | undefined } {
  const constant = constString(index, file, fnScope, expr);
  if (constant !== undefined) return { path: constant, note: undefined };
  // `${base}/users` and `opts.prefix + 'users/login'`: constant parts kept, the rest shown as a
  // `:parameter` segment, so the path still names what the route does.
  const pieces: (string | Expr)[] = [];
  const flatten = (e: Expr, depth: number): void => {
    if (depth < 8 && e.k === 'bin' && e.op === '+') {
      flatten(e.left, depth + 1);
      flatten(e.right, depth + 1);
    } else if (depth < 8 && e.k === 'tpl') {
      e.quasis.forEach((q, i) => {
        pieces.push(q);
        if (e.exprs[i]) pieces.push(e.exprs[i]!);
      });
    } else pieces.push(e);
  };
  flatten(expr, 0);
  if (pieces.length < 2) return { path: '/*', note: 'the path could not be resolved statically' };
  let path = '';
  let afterDynamic = false;
  for (const piece of pieces) {
    const known = typeof piece === 'string' ? piece : constString(index, file, fnScope, piece);
    if (known === undefined) {
      if (path !== '' && !path.endsWith('/')) path += '/';
      path += `:${exprName(piece as Expr).split('.').pop()!.replace(/\W+/g, '_')}`;
      afterDynamic = true;
      continue;
    }
    if (afterDynamic && known !== '' && !known.startsWith('/')) path += '/';
    path += known;
    if (known !== '') afterDynamic = false;
  }
  return { path: path.startsWith('/') ? path : `/${path}`, note: 'the path is built at run time' };
}

/** A number constant: literals, `a * b` products and sums, and variables holding them. */
export function constNumber(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr | undefined, depth = 0): number | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  if (expr.k === 'num') return expr.value;
  if (expr.k === 'bin' && ['*', '+', '-', '**', '<<'].includes(expr.op)) {
    const a = constNumber(index, file, fnScope, expr.left, depth + 1);
    const b = a === undefined ? undefined : constNumber(index, file, fnScope, expr.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (expr.op) {
      case '*':
        return a * b;
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '**':
        return a ** b;
      default:
        return a << b;
    }
  }
  if (expr.k === 'id' || expr.k === 'member') {
    const value = index.evaluate(file, expr, fnScope);
    if (value.kind === 'expr' && value.expr !== expr) return constNumber(index, value.file, value.fnScope, value.expr, depth + 1);
  }
  return undefined;
}

/** `true`/`false` literals (and variables holding one); undefined otherwise. */
export function constBool(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr | undefined, depth = 0): boolean | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  if (expr.k === 'bool') return expr.value;
  if (expr.k === 'id') {
    const value = index.evaluate(file, expr, fnScope);
    if (value.kind === 'expr' && value.expr !== expr) return constBool(index, value.file, value.fnScope, value.expr, depth + 1);
  }
  return undefined;
}

/** The items of an array literal, directly or behind a variable/import, with their scope. */
export function resolveArray(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr | undefined, depth = 0): { items: Expr[]; file: string; fnScope: FnId } | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  if (expr.k === 'arr') return { items: expr.items, file, fnScope };
  if (expr.k === 'id' || expr.k === 'member') {
    const value = index.evaluate(file, expr, fnScope);
    if (value.kind === 'expr' && value.expr !== expr) return resolveArray(index, value.file, value.fnScope, value.expr, depth + 1);
  }
  return undefined;
}
