/**
 * Following a value inside a function: what does this expression carry? `flowLeaves` walks an
 * expression down to its leaves — through local variables (their initializer and reassignments),
 * destructuring (`const { password: pw } = req.body`), object fields (`{ user: { token } }` and
 * `creds.password` read back out of an object literal), template strings, string concatenation,
 * `||`/`??`/ternaries and value-preserving calls (`JSON.stringify`, `String`, `x.toString()`,
 * `x.trim()`…) — and yields each leaf with the access path it reads (`req.body.password`) and the
 * object keys under which it sits.
 *
 * Pure and depth-bounded; it never leaves the file, and it follows a name only to declarations
 * visible from the function (the function itself and those enclosing it).
 */
import type { Expr, FileFacts, FnId, ObjProp, Span } from '../../analyzer/model/ir';
import { findLocalDecl, itemsIn } from './calls';

/** A place in the top expression through which a leaf enters it, for fixes that drop or wrap it. */
export type Container =
  | { k: 'prop'; obj: Extract<Expr, { k: 'obj' }>; prop: ObjProp }
  | { k: 'tpl'; tpl: Extract<Expr, { k: 'tpl' }>; index: number }
  | { k: 'item'; arr: Extract<Expr, { k: 'arr' }>; index: number };

export interface FlowLeaf {
  /** The expression reached: a member chain or name that cannot be followed further, a literal, a call… */
  expr: Expr;
  /**
   * The access path the leaf reads, when it is rooted at a name that could not be followed further
   * (a parameter, a global, an import): `req.body.password` → { root: 'req', path: ['body','password'] };
   * `req.get('authorization')` reads ['authorization'] under `req`.
   */
  access: { root: string; path: string[] } | undefined;
  /** Object keys crossed from the top expression down to the leaf: `{ user: { password: x } }` → ['user','password']. */
  keys: string[];
  /**
   * Member names still to be read from a leaf that is not an access path (`token.length` where
   * `const token = sign()` ends at the call with ['length'] pending); [] for access paths.
   */
  pending: string[];
  /** Names of the locals followed on the way (`msg` in `const msg = \`…${pw}\`; log(msg)`). */
  locals: string[];
  /** The sub-expression of the top expression through which the leaf enters it. */
  entry: Span;
  /** The innermost object property / template slot / array item of the top expression that holds `entry`. */
  container: Container | undefined;
  /** Declarations followed (spans of the declarators), innermost last. */
  via: Span[];
}

export interface FlowOptions {
  /** Calls whose result carries nothing of their arguments (a redaction): the walk stops there, with no leaf. */
  isBarrier?: (call: Extract<Expr, { k: 'call' }>) => boolean;
  maxDepth?: number;
}

/** Calls that pass their argument's content through: `JSON.stringify(x)`, `String(x)`, `util.inspect(x)`, `Object.assign({}, x)`. */
const TRANSPARENT_FUNCTIONS = new Set(['JSON.stringify', 'String', 'util.inspect', 'inspect', 'util.format', 'format', 'Object.assign', 'structuredClone', 'Buffer.from', 'encodeURIComponent', 'encodeURI', 'Array.from', 'Object.values', 'Object.entries']);
/** Methods whose result carries the receiver's content: `token.trim()`, `header.split(' ')`. */
const TRANSPARENT_METHODS = new Set(['toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'split', 'concat', 'join', 'padStart', 'padEnd', 'valueOf', 'toJSON', 'normalize', 'at', 'flat']);

interface WalkState {
  keys: string[];
  locals: string[];
  via: Span[];
  /** Member names still to read from the value (`creds.password` where `creds = { password }`). */
  projection: string[];
  /** Still inside the top expression (no local followed yet). */
  top: boolean;
  entry: Span | undefined;
  container: Container | undefined;
  depth: number;
}

/** Every leaf `expr` carries, read from function `fn` of `facts`. */
export function flowLeaves(facts: FileFacts, fn: FnId, expr: Expr, options: FlowOptions = {}): FlowLeaf[] {
  const out: FlowLeaf[] = [];
  const maxDepth = options.maxDepth ?? 24;
  const seenDecls = new Set<number>();
  const visit = (e: Expr, s: WalkState): void => {
    if (s.depth > maxDepth || out.length > 200) return;
    const entry = s.entry ?? e.span;
    const next = (over: Partial<WalkState>): WalkState => ({ ...s, entry, depth: s.depth + 1, ...over });
    const leaf = (access: FlowLeaf['access']): void => {
      out.push({ expr: e, access, keys: s.keys, pending: access ? [] : s.projection, locals: s.locals, entry, container: s.container, via: s.via });
    };
    switch (e.k) {
      case 'tpl':
        if (s.projection.length > 0) return;
        e.exprs.forEach((x, index) => visit(x, next({ container: s.top ? { k: 'tpl', tpl: e, index } : s.container, entry: s.top ? x.span : entry })));
        return;
      case 'bin':
        if (e.op === '+' || e.op === '||' || e.op === '??' || e.op === '&&') {
          // `a && b` yields b (or a falsy a): only the right side carries content worth following.
          if (e.op !== '&&') visit(e.left, next({}));
          visit(e.right, next({}));
        }
        return;
      case 'cond':
        visit(e.then, next({}));
        visit(e.else, next({}));
        return;
      case 'await':
      case 'spread':
        visit(e.expr, next({}));
        return;
      case 'assign':
        visit(e.value, next({}));
        return;
      case 'obj': {
        if (s.projection.length > 0) {
          const [key, ...rest] = s.projection;
          const prop = findLastProp(e, key!);
          if (prop) visit(prop.value, next({ projection: rest, container: s.top ? { k: 'prop', obj: e, prop } : s.container, entry: s.top ? prop.span : entry }));
          for (const p of e.props) if (p.spread) visit(p.value, next({}));
          return;
        }
        for (const prop of e.props) {
          const container: Container | undefined = s.top ? { k: 'prop', obj: e, prop } : s.container;
          const propEntry = s.top ? prop.span : entry;
          if (prop.spread) visit(prop.value, next({ container, entry: propEntry }));
          else visit(prop.value, next({ keys: prop.key === undefined ? s.keys : [...s.keys, prop.key], container, entry: propEntry }));
        }
        return;
      }
      case 'arr':
        if (s.projection.length > 0 && !/^\d+$/.test(s.projection[0]!)) return;
        e.items.forEach((item, index) => visit(item, next({ projection: s.projection.slice(1), container: s.top ? { k: 'item', arr: e, index } : s.container, entry: s.top ? item.span : entry })));
        return;
      case 'index':
        // `parts[1]`: an element carries what the collection carries.
        visit(e.object, next({}));
        return;
      case 'member':
      case 'id': {
        const chain = accessChain(e);
        if (!chain) {
          leaf(undefined);
          return;
        }
        const path = [...chain.path, ...s.projection];
        const local = findLocalDecl(facts, chain.root, fn);
        if (local && local.decl.kind !== 'param' && !seenDecls.has(local.decl.span.start)) {
          const values: Expr[] = [];
          if (local.decl.init) values.push(local.decl.init);
          if (local.decl.kind !== 'const') {
            for (const a of itemsIn(facts, 'assignments', new Set([local.decl.fn]))) if (a.op === '=' && a.target.k === 'id' && a.target.name === chain.root) values.push(a.value);
          }
          if (values.length > 0) {
            seenDecls.add(local.decl.span.start);
            for (const v of values) visit(v, next({ projection: [...local.path, ...path], top: false, locals: [...s.locals, chain.root], via: [...s.via, local.decl.span] }));
            seenDecls.delete(local.decl.span.start);
            return;
          }
        }
        leaf({ root: chain.root, path });
        return;
      }
      case 'call': {
        if (options.isBarrier?.(e)) return;
        const name = dottedName(e.callee);
        if (name && TRANSPARENT_FUNCTIONS.has(name) && !e.isNew) {
          for (const arg of e.args) visit(arg, next({}));
          return;
        }
        if (e.callee.k === 'member') {
          // `req.get('authorization')`, `req.header('cookie')`, `headers.get('x-api-key')`, `config.get('jwt.secret')`.
          if (/^(get|header|getHeader)$/.test(e.callee.name) && e.args.length === 1 && e.args[0]!.k === 'str') {
            const receiver = accessChain(e.callee.object);
            if (receiver) {
              const asMember: Expr = { k: 'member', object: e.callee.object, name: e.args[0].value, optional: false, span: e.span };
              visit(asMember, next({}));
              return;
            }
          }
          if (TRANSPARENT_METHODS.has(e.callee.name)) {
            visit(e.callee.object, next({}));
            for (const arg of e.callee.name === 'concat' ? e.args : []) visit(arg, next({}));
            return;
          }
        }
        leaf(undefined);
        return;
      }
      default:
        leaf(undefined);
    }
  };
  visit(expr, { keys: [], locals: [], via: [], projection: [], top: true, entry: undefined, container: undefined, depth: 0 });
  return out;
}

/** `req.body.password` → { root: 'req', path: ['body','password'] }; `this.x` and calls in the chain → undefined. */
export function accessChain(expr: Expr): { root: string; path: string[] } | undefined {
  const path: string[] = [];
  let cur: Expr = expr;
  for (let i = 0; i < 32; i++) {
    if (cur.k === 'id') return { root: cur.name, path: path.reverse() };
    if (cur.k === 'member') {
      path.push(cur.name);
      cur = cur.object;
      continue;
    }
    if (cur.k === 'this') return { root: 'this', path: path.reverse() };
    return undefined;
  }
  return undefined;
}

/** `util.inspect` → 'util.inspect', `String` → 'String'; undefined for anything but names and member chains. */
export function dottedName(expr: Expr): string | undefined {
  const chain = accessChain(expr);
  return chain ? [chain.root, ...chain.path].join('.') : undefined;
}

function findLastProp(obj: Extract<Expr, { k: 'obj' }>, key: string): ObjProp | undefined {
  for (let i = obj.props.length - 1; i >= 0; i--) {
    const p = obj.props[i]!;
    if (!p.spread && p.key === key) return p;
  }
  return undefined;
}
