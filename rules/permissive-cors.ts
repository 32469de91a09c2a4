import type { Expr, FileFacts, FnId, ObjProp, Span } from '../analyzer/model/ir';
import type { Fix, TextEdit } from '../analyzer/model/finding';
import { defineRule, type RuleContext } from './utils/define-rule';
import {
  callsTo,
  calleeName,
  contains,
  descendantsOf,
  findProp,
  functionAt,
  resolveModuleMember,
  resolveValue,
  walkExpr,
  type CallExpr,
  type Resolved,
  filesImporting,
} from './utils/calls';
import { addPropsEdit, replacePropValueEdit } from './utils/object-edits';
import { enclosingRoute } from './utils/enclosing-route';
import { isTestFile } from './utils/test-files';
import { filesToScan } from './utils/scope';

/**
 * What is permissive:
 * - `any`: every origin may read answers (`*`, `cors()` with no options, a callback that allows all);
 * - `reflect`: the requesting origin is echoed back (`origin: true`, an unchecked `req.headers.origin`);
 * - `unanchored`: an origin check that an attacker's domain can pass (`/example\.com/`, `origin.includes(…)`).
 */
type Kind = 'no-options' | 'no-origin' | 'wildcard' | 'reflect' | 'allow-all-callback' | 'unanchored-regex' | 'substring-check' | 'header-wildcard' | 'header-reflect';

interface State {
  kind: Kind;
  file: string;
  span: Span;
  credentials: boolean;
  /** How the configuration is written, for the message: `cors()`, `@fastify/cors`, a header. */
  via: string;
  /** `GET /api/x` when the header is set inside a route handler. */
  route: string | undefined;
  routeKey: string | undefined;
  /** The environment variable whose absence opens CORS (`process.env.X || '*'`), or false. */
  fallback: string | false;
  /** Precomputed edits for the allowlist fix, when one is offered. */
  edits: TextEdit[] | undefined;
}

const CORS_MODULES = ['cors'];
const FASTIFY_CORS_MODULES = ['@fastify/cors', 'fastify-cors'];
/** Fails closed when CORS_ORIGINS is unset: an empty list allows no cross-origin caller. */
const ALLOWLIST = "(process.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)";
const ACAO = 'access-control-allow-origin';
/** Kinds where every origin is allowed: with credentials these are critical. */
const ANY_ORIGIN: readonly Kind[] = ['no-options', 'no-origin', 'wildcard', 'reflect', 'allow-all-callback', 'header-wildcard', 'header-reflect'];
const ACAC = 'access-control-allow-credentials';

export default defineRule<State>({
  id: 'permissive-cors',
  incremental: true,
  meta: {
    summary: 'CORS lets any website (or one an attacker can register) read the API’s answers, sometimes with the user’s cookies.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-942', 'CWE-346'],
    owaspApi: ['API8:2023'],
    fix: 'unsafe',
  },

  // With a scope, cors()/register(cors) calls are still checked project-wide: their options (and
  // so the finding) may sit in another file than the call. Hand-set headers are checked per file.
  *detect(ctx) {
    // The `cors` package: `cors()`, `cors(options)`, `cors(corsOptions)`.
    for (const found of callsTo(ctx, CORS_MODULES, (origin) => origin.path.length === 0)) {
      if (isTestFile(found.file)) continue;
      yield* checkCorsCall(ctx, found.file, found.site.fn, found.call, found.call.args[0], 'cors()', (opts) => insertOptionsEdit(ctx, found.file, found.call, opts));
    }
    // `@fastify/cors`: `fastify.register(cors, { … })`, whatever the receiver is called.
    // `resolveModuleMember` answers only with modules the file imports.
    for (const file of filesImporting(ctx, FASTIFY_CORS_MODULES)) {
      if (isTestFile(file)) continue;
      const facts = ctx.files.get(file)!;
      for (const site of facts.calls) {
        const call = site.expr;
        if (calleeName(call) !== 'register' || call.callee.k !== 'member' || !call.args[0]) continue;
        const plugin = resolveModuleMember(facts, call.args[0], site.fn);
        if (!plugin || !FASTIFY_CORS_MODULES.includes(plugin.module) || plugin.path.some((p) => p !== 'default')) continue;
        yield* checkCorsCall(ctx, file, site.fn, call, call.args[1], '@fastify/cors', (opts) => ({ file, start: call.args[0]!.span.end, end: call.args[0]!.span.end, text: `, ${opts}` }));
      }
    }
    yield* checkAutoloadedCors(ctx);
    yield* checkManualHeaders(ctx);
  },

  report(state) {
    const where = state.route ? ` for ${state.route}` : '';
    const creds = state.credentials ? ' With credentials allowed, that site can also send the user’s cookies and act as the user.' : '';
    const allowlist = 'Allow only the front-end origins you own, e.g. a list read from CORS_ORIGINS.';
    const unset = state.fallback ? ` whenever ${state.fallback} is unset` : '';
    let what: string;
    let advice = allowlist;
    switch (state.kind) {
      case 'no-options':
        what = `${state.via === '@fastify/cors' ? '@fastify/cors is registered' : 'cors() is called'} without options, so it answers every origin with Access-Control-Allow-Origin: *: any website can read this API’s responses in its visitors’ browsers.`;
        break;
      case 'no-origin':
        what = `${state.via} options set no origin, so the default '*' applies: any website can read this API’s responses in its visitors’ browsers.`;
        break;
      case 'wildcard':
        what = `${state.via} allows origin '*'${unset}: any website can read this API’s responses in its visitors’ browsers.`;
        break;
      case 'reflect':
        what = `${state.via} uses origin: true${unset}, which echoes back whatever origin asks: every website is allowed.`;
        break;
      case 'allow-all-callback':
        what = `The ${state.via} origin callback allows every origin without checking it: every website is allowed.`;
        break;
      case 'unanchored-regex':
        what = `The ${state.via} origin pattern is not anchored at both ends: an attacker’s domain that merely contains the allowed name (e.g. example.com.evil.io or evil-example.com) passes.`;
        advice = 'Anchor the whole pattern with ^ and $ (grouping alternatives), or list the exact origins.';
        break;
      case 'substring-check':
        what = `The ${state.via} origin callback accepts an origin by substring: an attacker’s domain that merely contains the allowed name (e.g. example.com.evil.io) passes.`;
        advice = 'Compare the whole origin with a list of exact origins.';
        break;
      case 'header-wildcard':
        what = `Access-Control-Allow-Origin is set to '*'${where}: any website can read these responses in its visitors’ browsers.`;
        advice = 'Send it only for origins you own, or drop it if browsers on other sites need no access.';
        break;
      case 'header-reflect':
        what = `Access-Control-Allow-Origin echoes the request’s Origin header${where} without checking it: every website is allowed.`;
        advice = 'Echo the origin only after finding it in a list of origins you own.';
        break;
    }
    return {
      message: `${what}${creds} ${advice}`,
      location: { file: state.file, span: state.span },
      severity: state.credentials && ANY_ORIGIN.includes(state.kind) ? 'critical' : 'high',
      routeKey: state.routeKey,
    };
  },

  fix(state): Fix | undefined {
    if (!state.edits) return undefined;
    return { title: 'Allow only the origins listed in the CORS_ORIGINS environment variable', kind: 'unsafe', edits: state.edits };
  },
});

// ---------------------------------------------------------------- cors / @fastify/cors options

function* checkCorsCall(
  ctx: RuleContext,
  file: string,
  fn: FnId,
  call: CallExpr,
  optionsArg: Expr | undefined,
  via: string,
  addOptions: (opts: string) => TextEdit | undefined,
): Generator<State> {
  const base = { file, via, route: undefined, routeKey: undefined, fallback: false as const };
  if (!optionsArg) {
    const edit = addOptions(`{ origin: ${ALLOWLIST} }`);
    yield { ...base, kind: 'no-options', span: call.span, credentials: false, edits: edit ? [edit] : undefined };
    return;
  }
  const options = resolveValue(ctx, file, optionsArg, fn);
  // An options delegate (`cors((req, cb) => …)`), a call or an unknown import: not readable here.
  if (options.expr.k !== 'obj') return;
  const obj = options.expr;
  const credentials = isTrue(ctx, options, findProp(obj, 'credentials')?.value);
  const originProp = findProp(obj, 'origin');
  if (!originProp) {
    if (obj.props.some((p) => p.spread)) return;
    const text = ctx.getText(options.file);
    const edit = text ? addPropsEdit(text, options.file, obj, [`origin: ${ALLOWLIST}`]) : undefined;
    yield { ...base, kind: 'no-origin', span: call.span, credentials, edits: edit ? [edit] : undefined };
    return;
  }
  yield* checkOriginValue(ctx, { ...base, file: options.file, credentials }, options, originProp);
}

function* checkOriginValue(ctx: RuleContext, base: Omit<State, 'kind' | 'span' | 'edits'>, options: Resolved, prop: ObjProp): Generator<State> {
  const replace = () => [replacePropValueEdit(options.file, prop, ALLOWLIST)];
  const value = resolveValue(ctx, options.file, prop.value, options.fn);
  const kind = originKind(value.expr);
  if (kind === 'wildcard' || kind === 'reflect') {
    yield { ...base, kind, span: prop.span, fallback: false, edits: replace() };
    return;
  }
  // `process.env.CORS_ORIGIN || '*'`: wide open whenever the variable is missing.
  if (value.expr.k === 'bin' && (value.expr.op === '||' || value.expr.op === '??')) {
    const fallback = originKind(resolveValue(ctx, value.file, value.expr.right, value.fn).expr);
    const left = value.expr.left;
    const envName = left.k === 'member' && left.object.k === 'member' && left.object.name === 'env' ? left.name : 'the environment variable';
    if (fallback === 'wildcard' || fallback === 'reflect') yield { ...base, kind: fallback, span: prop.span, fallback: envName, edits: replace() };
    return;
  }
  if (value.expr.k === 'regex') {
    if (!isAnchored(value.expr.pattern)) yield { ...base, kind: 'unanchored-regex', span: prop.span, credentials: false, fallback: false, edits: undefined };
    return;
  }
  if (value.expr.k === 'arr') {
    for (const item of value.expr.items) {
      const resolved = resolveValue(ctx, value.file, item, value.fn);
      if (resolved.expr.k === 'regex' && !isAnchored(resolved.expr.pattern)) yield { ...base, kind: 'unanchored-regex', span: item.span, credentials: false, fallback: false, edits: undefined };
    }
    return;
  }
  if (value.expr.k === 'fn') {
    const verdict = readOriginCallback(value.facts, value.expr.fn);
    if (verdict?.kind === 'allow-all-callback') yield { ...base, kind: 'allow-all-callback', span: prop.span, fallback: false, edits: value.file === options.file && contains(prop.span, value.expr.span) ? replace() : undefined };
    else if (verdict) yield { ...base, file: value.file, kind: verdict.kind, span: verdict.span, credentials: false, fallback: false, edits: undefined };
  }
}

function originKind(expr: Expr): 'wildcard' | 'reflect' | undefined {
  if (expr.k === 'str' && expr.value.trim() === '*') return 'wildcard';
  if (expr.k === 'bool' && expr.value) return 'reflect';
  return undefined;
}

function isTrue(ctx: RuleContext, at: Resolved, expr: Expr | undefined): boolean {
  if (!expr) return false;
  const value = resolveValue(ctx, at.file, expr, at.fn).expr;
  return (value.k === 'bool' && value.value) || (value.k === 'str' && value.value.trim().toLowerCase() === 'true');
}

/**
 * @fastify/autoload: a plugin file whose default export is @fastify/cors itself
 * (`export default cors`) takes its options from the file's `autoConfig` export.
 */
function* checkAutoloadedCors(ctx: RuleContext): Generator<State> {
  for (const file of filesToScan(ctx)) {
    if (isTestFile(file)) continue;
    const facts = ctx.files.get(file)!;
    if (!facts.imports.some((i) => FASTIFY_CORS_MODULES.includes(i.source))) continue;
    const exported = facts.exports.find((e) => (e.name === 'default' || e.name === '=') && !e.from);
    const expr = exported?.expr ?? (exported?.local ? ({ k: 'id', name: exported.local, span: exported.span } as Expr) : undefined);
    if (!exported || !expr) continue;
    const plugin = resolveModuleMember(facts, expr, TOP);
    if (!plugin || !FASTIFY_CORS_MODULES.includes(plugin.module) || plugin.path.some((p) => p !== 'default')) continue;
    const autoConfig = facts.exports.find((e) => e.name === 'autoConfig' && !e.from);
    const optionsExpr = autoConfig?.expr ?? (autoConfig?.local ? ({ k: 'id', name: autoConfig.local, span: autoConfig.span } as Expr) : undefined);
    const at: CallExpr = { k: 'call', callee: expr, args: [], isNew: false, span: exported.span };
    yield* checkCorsCall(ctx, file, TOP, at, optionsExpr, '@fastify/cors', () => undefined);
  }
}

/**
 * `^…$` around the whole pattern, with no top-level alternation (`^a\.com|b\.com$` anchors only
 * the first alternative's start and the last one's end).
 */
export function isAnchored(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < pattern.length - 1; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

/**
 * Reads an origin callback `(origin, callback) => …`: does it allow every origin without a
 * condition, or does it compare the origin with a substring test or an unanchored pattern?
 */
function readOriginCallback(facts: FileFacts, fn: FnId): { kind: 'allow-all-callback' | 'substring-check' | 'unanchored-regex'; span: Span } | undefined {
  const f = facts.functions[fn];
  const originName = f?.params[0]?.name;
  const cbName = f?.params[1]?.name;
  if (!f || !originName) return undefined;
  const fns = descendantsOf(facts, fn);
  for (const site of facts.calls) {
    if (!fns.has(site.fn)) continue;
    const bad = weakOriginTest(site.expr, originName);
    if (bad) return { kind: bad, span: site.expr.span };
  }
  if (!cbName) return undefined;
  const cbCalls = facts.calls.filter((c) => fns.has(c.fn) && c.expr.callee.k === 'id' && c.expr.callee.name === cbName);
  if (cbCalls.length === 0) return undefined;
  const hasCondition = facts.guards.some((g) => fns.has(g.fn)) || facts.switches.some((s) => fns.has(s.fn));
  if (hasCondition) return undefined;
  const allowsAll = cbCalls.every((c) => {
    const [err, allow] = c.expr.args;
    const errIsNull = !err || err.k === 'null' || err.k === 'undefined';
    return errIsNull && allow !== undefined && ((allow.k === 'bool' && allow.value) || (allow.k === 'id' && allow.name === originName) || (allow.k === 'str' && allow.value === '*'));
  });
  return allowsAll ? { kind: 'allow-all-callback', span: f.span } : undefined;
}

/** `origin.includes('example.com')`, `origin.indexOf(x) !== -1`, `/example\.com/.test(origin)`. */
function weakOriginTest(call: CallExpr, originName: string): 'substring-check' | 'unanchored-regex' | undefined {
  const callee = call.callee;
  if (callee.k !== 'member') return undefined;
  const onOrigin = isOriginExpr(callee.object, originName);
  if (onOrigin && ['includes', 'indexOf', 'search', 'startsWith'].includes(callee.name)) return 'substring-check';
  if (onOrigin && callee.name === 'endsWith' && !startsWithDot(call.args[0])) return 'substring-check';
  if (onOrigin && callee.name === 'match' && call.args[0]?.k === 'regex' && !isAnchored(call.args[0].pattern)) return 'unanchored-regex';
  if (callee.name === 'test' && callee.object.k === 'regex' && call.args[0] && isOriginExpr(call.args[0], originName) && !isAnchored(callee.object.pattern)) return 'unanchored-regex';
  return undefined;
}

function isOriginExpr(expr: Expr, originName: string): boolean {
  if (expr.k === 'id') return expr.name === originName;
  // `origin.toLowerCase()`, `origin?.trim()`.
  if (expr.k === 'call' && expr.callee.k === 'member' && /^(toLowerCase|toUpperCase|trim)$/.test(expr.callee.name)) return isOriginExpr(expr.callee.object, originName);
  return false;
}

/** `'.example.com'`, `'.' + domain`, `` `.${domain}` ``: a suffix that starts at a label boundary. */
function startsWithDot(expr: Expr | undefined): boolean {
  if (!expr) return false;
  if (expr.k === 'str') return expr.value.startsWith('.');
  if (expr.k === 'tpl') return (expr.quasis[0] ?? '').startsWith('.');
  if (expr.k === 'bin' && expr.op === '+') return startsWithDot(expr.left);
  return false;
}

/** Adds an options object to `cors()`; the call's parentheses are empty. */
function insertOptionsEdit(ctx: RuleContext, file: string, call: CallExpr, opts: string): TextEdit | undefined {
  const text = ctx.getText(file);
  if (!text || text[call.span.end - 1] !== ')' || text[call.span.end - 2] !== '(') return undefined;
  return { file, start: call.span.end - 1, end: call.span.end - 1, text: opts };
}

// ---------------------------------------------------------------- hand-written headers

interface HeaderEntry {
  fn: FnId;
  name: 'origin' | 'credentials';
  value: Expr;
  span: Span;
}

const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/**
 * Every place a file sets Access-Control-Allow-Origin/-Credentials by hand: setter calls
 * (`res.setHeader(name, v)`, `headers.set(name, v)`, `reply.header(name, v)`), object literals
 * (`res.set({ … })`, `new Headers({ … })`, `NextResponse.json(b, { headers: { … } })`), Next's
 * `headers()` entries (`{ key, value }`), `[name, value]` pairs and assignments.
 */
function headerEntries(facts: FileFacts): HeaderEntry[] {
  const out = new Map<number, HeaderEntry>();
  const nameOf = (s: string): HeaderEntry['name'] | undefined => (s.toLowerCase() === ACAO ? 'origin' : s.toLowerCase() === ACAC ? 'credentials' : undefined);
  const visitTree = (root: Expr | undefined, fn: FnId) =>
    walkExpr(root, (e) => {
      if (e.k === 'obj') {
        for (const p of e.props) {
          const name = p.key && !p.spread ? nameOf(p.key) : undefined;
          if (name && !out.has(p.span.start)) out.set(p.span.start, { fn, name, value: p.value, span: p.span });
        }
        const key = findProp(e, 'key')?.value;
        const value = findProp(e, 'value')?.value;
        const name = key?.k === 'str' ? nameOf(key.value) : undefined;
        if (name && value && !out.has(e.span.start)) out.set(e.span.start, { fn, name, value, span: e.span });
      }
      if (e.k === 'arr' && e.items.length === 2 && e.items[0]!.k === 'str') {
        const name = nameOf(e.items[0].value);
        if (name && !out.has(e.span.start)) out.set(e.span.start, { fn, name, value: e.items[1]!, span: e.span });
      }
    });
  for (const site of facts.calls) {
    const call = site.expr;
    const first = call.args[0];
    const name = calleeName(call);
    if (name && HEADER_SETTERS.has(name) && call.callee.k === 'member' && first?.k === 'str' && call.args[1]) {
      const header = nameOf(first.value);
      if (header && !out.has(call.span.start)) out.set(call.span.start, { fn: site.fn, name: header, value: call.args[1], span: call.span });
      continue;
    }
    for (const arg of call.args) visitTree(arg, site.fn);
  }
  for (const r of facts.returns) visitTree(r.expr, r.fn);
  for (const d of facts.decls) if (d.kind !== 'param') visitTree(d.init, d.fn);
  for (const f of facts.functions) visitTree(f.exprBody, f.id);
  for (const e of facts.exports) if (e.kind === 'commonjs' || e.name === 'default') visitTree(e.expr, TOP);
  for (const a of facts.assignments) {
    if (a.target.k === 'member') {
      const header = nameOf(a.target.name);
      if (header && !out.has(a.span.start)) out.set(a.span.start, { fn: a.fn, name: header, value: a.value, span: a.span });
    }
    visitTree(a.value, a.fn);
  }
  return [...out.values()].sort((a, b) => a.span.start - b.span.start);
}

const TOP: FnId = -1;

function* checkManualHeaders(ctx: RuleContext): Generator<State> {
  for (const file of filesToScan(ctx)) {
    // Cheap text test first: the full expression walk is only worth it where the header is named.
    if (isTestFile(file) || !/access-control-allow-(origin|credentials)/i.test(ctx.getText(file) ?? 'access-control-allow-origin')) continue;
    const facts = ctx.files.get(file)!;
    const entries = headerEntries(facts);
    if (entries.length === 0) continue;
    for (const entry of entries) {
      if (entry.name !== 'origin') continue;
      const kind = headerValueKind(ctx, facts, entry, entry.value);
      if (!kind) continue;
      // Static files (`express.static(dir, { setHeaders })`, koa-send): fonts and images are meant to be shared.
      if (kind === 'header-wildcard' && inStaticSetHeaders(facts, entry.fn)) continue;
      const fn = entry.fn === TOP ? functionAt(facts, entry.span.start) : entry.fn;
      const route = enclosingRoute(ctx, file, fn);
      const scope = fn === TOP ? undefined : descendantsOf(facts, rootFunction(facts, fn));
      const credentials = entries.some((e) => e.name === 'credentials' && (scope ? scope.has(e.fn) : e.fn === TOP) && isTrue(ctx, { file, facts, fn: e.fn, expr: e.value }, e.value));
      yield { kind, file, span: entry.span, credentials, via: 'Access-Control-Allow-Origin', route: route ? `${route.method} ${route.path}` : undefined, routeKey: route?.key, fallback: false, edits: undefined };
    }
  }
}

/** `'*'`, an unchecked `req.headers.origin`, or `origin ?? '*'` (either side is enough). */
function headerValueKind(ctx: RuleContext, facts: FileFacts, entry: HeaderEntry, expr: Expr, depth = 0): 'header-wildcard' | 'header-reflect' | undefined {
  const value = resolveValue(ctx, facts.path, expr, entry.fn).expr;
  if (value.k === 'str' && value.value.trim() === '*') return 'header-wildcard';
  if (isOriginRead(value)) return originIsChecked(facts, entry, value) ? undefined : 'header-reflect';
  if (value.k === 'bin' && (value.op === '||' || value.op === '??') && depth < 4) {
    const left = headerValueKind(ctx, facts, entry, value.left, depth + 1);
    const right = headerValueKind(ctx, facts, entry, value.right, depth + 1);
    return left === 'header-reflect' || right === 'header-reflect' ? 'header-reflect' : (left ?? right);
  }
  return undefined;
}

/** `fn` (or a function around it) is the `setHeaders` option of a static-file server. */
function inStaticSetHeaders(facts: FileFacts, fn: FnId): boolean {
  for (let cur = fn, i = 0; i < 16 && cur !== TOP; i++) {
    const f = facts.functions[cur];
    if (f?.name === 'setHeaders') return true;
    cur = f?.parent ?? TOP;
  }
  return false;
}

/** The outermost function around `fn` that is not the top level (a Next `headers()` method, a handler). */
function rootFunction(facts: FileFacts, fn: FnId): FnId {
  let cur = fn;
  for (let i = 0; i < 64; i++) {
    const parent = facts.functions[cur]?.parent ?? TOP;
    if (parent === TOP) return cur;
    cur = parent;
  }
  return cur;
}

/** `req.headers.origin`, `req.headers['origin']`, `req.get('origin')`, `req.header('Origin')`, `request.headers.get('origin')`. */
function isOriginRead(expr: Expr): boolean {
  if (expr.k === 'member' && expr.name.toLowerCase() === 'origin') return expr.object.k === 'member' && expr.object.name === 'headers';
  if (expr.k === 'call' && expr.callee.k === 'member' && /^(get|header|getHeader)$/.test(expr.callee.name)) {
    const arg = expr.args[0];
    return arg?.k === 'str' && arg.value.toLowerCase() === 'origin';
  }
  return false;
}

/**
 * The echoed origin is checked when an `if` in the same function tests it (or the variable holding
 * it) against something: a list lookup, a comparison, a helper call. `if (origin)` alone is not a check.
 */
function originIsChecked(facts: FileFacts, entry: HeaderEntry, read: Expr): boolean {
  const fns = new Set<FnId>();
  for (let cur = entry.fn, i = 0; i < 64; i++) {
    fns.add(cur);
    if (cur === TOP) break;
    cur = facts.functions[cur]?.parent ?? TOP;
  }
  const names = new Set<string>();
  for (const d of facts.decls) if (fns.has(d.fn) && d.name && d.init && sameRead(d.init, read)) names.add(d.name);
  if (entry.value.k === 'id') names.add(entry.value.name);
  const tests = facts.guards.filter((g) => fns.has(g.fn)).map((g) => g.test);
  return tests.some((test) => checksOrigin(test, names, read));
}

function sameRead(a: Expr, b: Expr): boolean {
  return isOriginRead(a) && isOriginRead(b);
}

function checksOrigin(test: Expr, names: Set<string>, read: Expr): boolean {
  const isOrigin = (e: Expr) => (e.k === 'id' && names.has(e.name)) || sameRead(e, read);
  let checked = false;
  walkExpr(test, (e) => {
    if (checked) return false;
    if (e.k === 'call') {
      if (e.args.some(isOrigin) || (e.callee.k === 'member' && isOrigin(e.callee.object))) checked = true;
    } else if (e.k === 'bin' && /^(===|!==|==|!=)$/.test(e.op)) {
      const other = isOrigin(e.left) ? e.right : isOrigin(e.right) ? e.left : undefined;
      if (other && other.k !== 'null' && other.k !== 'undefined') checked = true;
    }
    return !checked;
  });
  return checked;
}
