/**
 * Every string and template literal of a file, with the name it is bound to (`const JWT_SECRET =
 * '…'`, `{ stripe: { apiKey: '…' } }`, `config.db.password = '…'`) and whether it is the fallback of
 * an environment lookup (`process.env.X || '…'`). Shared by rules that judge literal values
 * (hardcoded-secret, insecure-transport).
 */
import type { Expr, FileFacts, FnId, Span } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';

export interface LiteralSite {
  file: string;
  facts: FileFacts;
  fn: FnId;
  expr: Extract<Expr, { k: 'str' } | { k: 'tpl' }>;
  /** Keys/names the literal is bound to, outermost first: `{ jwt: { secret: 'k' } }` → ['jwt','secret']. */
  owner: string[];
  /** `process.env.X || 'k'`: the environment variable and the whole expression. */
  fallback: { envName: string | undefined; span: Span } | undefined;
  /** An array element (`keys: ['a', 'b']`): no single replacement makes sense. */
  inArray: boolean;
}

const MAX_WALK_DEPTH = 16;

/** Every string and template literal of a file, with the name it is bound to. */
const cache = new WeakMap<FileFacts, LiteralSite[]>();

export function literalSites(file: string, facts: FileFacts): LiteralSite[] {
  let sites = cache.get(facts);
  if (!sites) {
    sites = collectLiteralSites(file, facts);
    cache.set(facts, sites);
  }
  return sites;
}

// Most literals belong to no name: one shared empty owner list (owner lists are only read).
const NO_OWNER: string[] = [];

function collectLiteralSites(file: string, facts: FileFacts): LiteralSite[] {
  const out: LiteralSite[] = [];
  const seen = new Set<number>();
  // Facts share call summaries (a call nested in another call is also a call site of its own): a
  // call walked before from no deeper down, or walked whole before (the depth bound cut nothing
  // inside it), holds no literal not already seen, so it is skipped. One map for both: the depth
  // a call was walked from, -1 once walked whole.
  const walked = new Map<Expr, number>();
  let cuts = 0;
  const walk = (e: Expr | undefined, fn: FnId, owner: string[], fallback: LiteralSite['fallback'], inArray: boolean, depth: number): void => {
    if (!e) return;
    if (depth > MAX_WALK_DEPTH) {
      cuts++;
      return;
    }
    if (e.k === 'call') {
      const before = walked.get(e);
      if (before !== undefined && before <= depth) return;
      walked.set(e, depth);
      const cutsBefore = cuts;
      walkCall(e, fn, depth + 1);
      if (cuts === cutsBefore) walked.set(e, -1);
      return;
    }
    const d = depth + 1;
    switch (e.k) {
      case 'str':
      case 'tpl':
        if (!seen.has(e.span.start)) {
          seen.add(e.span.start);
          out.push({ file, facts, fn, expr: e, owner, fallback, inArray });
        }
        if (e.k === 'tpl') for (const x of e.exprs) walk(x, fn, NO_OWNER, undefined, false, d);
        return;
      case 'bin':
        if ((e.op === '||' || e.op === '??') && isEnvLookup(e.left)) {
          walk(e.right, fn, owner, { envName: envNameOf(e.left), span: e.span }, inArray, d);
          return;
        }
        walk(e.left, fn, e.op === '+' ? owner : NO_OWNER, fallback, inArray, d);
        walk(e.right, fn, e.op === '+' || e.op === '||' || e.op === '??' ? owner : NO_OWNER, fallback, inArray, d);
        return;
      case 'cond': {
        walk(e.test, fn, NO_OWNER, undefined, false, d);
        // `isProd ? process.env.X : 'dev-key'`: the literal branch is a fallback too.
        const thenEnv = isEnvLookup(e.then);
        const elseEnv = isEnvLookup(e.else);
        walk(e.then, fn, owner, elseEnv ? { envName: envNameOf(e.else), span: e.span } : fallback, inArray, d);
        walk(e.else, fn, owner, thenEnv ? { envName: envNameOf(e.then), span: e.span } : fallback, inArray, d);
        return;
      }
      case 'obj':
        for (const p of e.props) walk(p.value, fn, p.spread || p.key === undefined ? NO_OWNER : [...owner, p.key], undefined, false, d);
        return;
      case 'arr':
        for (const item of e.items) walk(item, fn, owner, fallback, true, d);
        return;
      case 'member':
        walk(e.object, fn, NO_OWNER, undefined, false, d);
        return;
      case 'index':
        walk(e.object, fn, NO_OWNER, undefined, false, d);
        walk(e.index, fn, NO_OWNER, undefined, false, d);
        return;
      case 'await':
      case 'spread':
      case 'unary':
        walk(e.expr, fn, e.k === 'unary' ? NO_OWNER : owner, e.k === 'unary' ? undefined : fallback, inArray, d);
        return;
      case 'assign':
        walk(e.value, fn, assignTargetName(e.target), undefined, false, d);
        return;
      default:
        return;
    }
  };
  const walkCall = (e: Extract<Expr, { k: 'call' }>, fn: FnId, d: number): void => {
    walk(e.callee, fn, NO_OWNER, undefined, false, d);
    for (const a of e.args) walk(a, fn, NO_OWNER, undefined, false, d);
  };
  for (const decl of facts.decls) {
    if (decl.kind === 'param' && !decl.init) continue;
    walk(decl.init, decl.fn, decl.name ? [decl.name] : NO_OWNER, undefined, false, 0);
  }
  for (const a of facts.assignments) walk(a.value, a.fn, assignTargetName(a.target), undefined, false, 0);
  for (const c of facts.calls) walk(c.expr, c.fn, NO_OWNER, undefined, false, 0);
  for (const r of facts.returns) walk(r.expr, r.fn, NO_OWNER, undefined, false, 0);
  for (const x of facts.exports) walk(x.expr, TOP_LEVEL, x.name === 'default' || x.name === '=' ? NO_OWNER : [x.name], undefined, false, 0);
  return out;
}

function assignTargetName(target: Expr): string[] {
  const names: string[] = [];
  let cur: Expr = target;
  for (let i = 0; i < 8; i++) {
    if (cur.k === 'id') return [cur.name, ...names];
    if (cur.k !== 'member') break;
    names.unshift(cur.name);
    cur = cur.object;
  }
  return names;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get('X')`. */
export function isEnvLookup(e: Expr): boolean {
  if (e.k === 'member') {
    return e.object.k === 'member' && e.object.name === 'env';
  }
  if (e.k === 'call' && e.callee.k === 'member' && e.callee.name === 'get' && e.callee.object.k === 'member' && e.callee.object.name === 'env') return true;
  if (e.k === 'bin' && (e.op === '||' || e.op === '??')) return isEnvLookup(e.left) || isEnvLookup(e.right);
  return false;
}

export function envNameOf(e: Expr): string | undefined {
  if (e.k === 'member' && e.object.k === 'member' && e.object.name === 'env') return /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.name) ? e.name : undefined;
  if (e.k === 'call' && e.args[0]?.k === 'str') return e.args[0].value;
  if (e.k === 'bin') return envNameOf(e.left) ?? envNameOf(e.right);
  return undefined;
}

/** The literal's text as JavaScript sees it; interpolations become `${…}`. */
export function literalValue(expr: LiteralSite['expr']): string {
  return expr.k === 'str' ? expr.value : expr.quasis.join('${…}');
}

