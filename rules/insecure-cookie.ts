import type { Expr, FileFacts, FnId, ObjProp, Span } from '../analyzer/model/ir';
import type { Fix, TextEdit } from '../analyzer/model/finding';
import { defineRule, type RuleContext } from './utils/define-rule';
import { callsTo, findProp, resolveModuleMember, resolveValue, rootName, walkExpr, type CallExpr, type Resolved, sortedFiles, filesImporting } from './utils/calls';
import { addPropsEdit } from './utils/object-edits';
import { enclosingRoute } from './utils/enclosing-route';
import { isTestFile } from './utils/test-files';

type Flag = 'httpOnly' | 'secure' | 'sameSite';
const FLAGS: readonly Flag[] = ['httpOnly', 'secure', 'sameSite'];
const FIX_TEXT: Record<Flag, string> = { httpOnly: 'httpOnly: true', secure: 'secure: true', sameSite: "sameSite: 'lax'" };
const FIX_VALUE: Record<Flag, string> = { httpOnly: 'true', secure: 'true', sameSite: "'lax'" };

interface State {
  file: string;
  span: Span;
  /** `cookie 'sid'`, `the express-session cookie`. */
  what: string;
  /** How the cookie is set, e.g. `res.cookie`, `express-session`. */
  via: string;
  missing: Flag[];
  route: string | undefined;
  routeKey: string | undefined;
  edits: TextEdit[] | undefined;
}

/** Names of cookies that carry a session or a credential. CSRF tokens are meant to be read by scripts. */
const AUTH_COOKIE = /sess|(^|[^a-z])sid($|[^a-z])|^sid|token|auth|jwt|login|remember|refresh|access|credential|bearer|identity/i;
const NOT_AUTH_COOKIE = /csrf|xsrf/i;
const AUTH_VALUE_WORD = /token|jwt|session|^sid$|auth|bearer|credential|^sign$/i;

/** What a cookie API does when a flag is left out: `true` means the default is already safe. */
interface Defaults {
  httpOnly: boolean;
  secure: boolean;
  sameSite: boolean;
}
const NO_DEFAULTS: Defaults = { httpOnly: false, secure: false, sameSite: false };
/** The `cookies` package (Koa, cookie-session): HttpOnly by default; Secure set automatically on HTTPS requests. */
const COOKIES_PACKAGE_DEFAULTS: Defaults = { httpOnly: true, secure: true, sameSite: false };

export default defineRule<State>({
  id: 'insecure-cookie',
  meta: {
    summary: 'A session or auth cookie is set without HttpOnly, Secure or SameSite.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-1004', 'CWE-614', 'CWE-1275'],
    owaspApi: ['API8:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    const fastifyDefaults = fastifyCookieDefaults(ctx);
    for (const file of sortedFiles(ctx)) {
      if (isTestFile(file)) continue;
      const facts = ctx.files.get(file)!;
      if (!mentionsCookie(ctx, facts)) continue;
      for (const site of facts.calls) {
        const setter = cookieSetter(facts, site.expr, site.fn);
        if (!setter) continue;
        const defaults = /^(reply|rep)\./.test(setter.via) ? fastifyDefaults : setter.defaults;
        const state = checkCookie(ctx, file, site.fn, site.expr, setter, defaults);
        if (state) yield state;
      }
    }
    yield* checkSessionMiddleware(ctx);
  },

  report(state) {
    const where = state.route ? ` in ${state.route}` : '';
    const reasons: string[] = [];
    if (state.missing.includes('httpOnly')) reasons.push('without HttpOnly any script injected into the page can read it');
    if (state.missing.includes('secure')) reasons.push('without Secure it is also sent over plain HTTP');
    if (state.missing.includes('sameSite')) reasons.push('without SameSite other sites can make the browser send it (CSRF)');
    const list = state.missing.map((f) => FIX_TEXT[f]).join(', ');
    return {
      message: `The ${state.what}${where} is set through ${state.via} without ${joinAnd(state.missing.map(flagName))}: ${reasons.join('; ')}. Set ${list}.`,
      location: { file: state.file, span: state.span },
      routeKey: state.routeKey,
    };
  },

  fix(state): Fix | undefined {
    if (!state.edits) return undefined;
    return { title: `Add ${state.missing.map((f) => FIX_TEXT[f]).join(', ')} to the cookie options`, kind: 'unsafe', edits: state.edits };
  },
});

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function flagName(flag: Flag): string {
  return flag === 'httpOnly' ? 'HttpOnly' : flag === 'secure' ? 'Secure' : 'SameSite';
}

// ---------------------------------------------------------------- cookie setters

interface Setter {
  via: string;
  name: Expr | undefined;
  value: Expr | undefined;
  /** The options argument (or the single object argument of `cookies().set({ … })`). */
  options: Expr | undefined;
  /** Where to add an options object when there is none: after this argument. */
  lastArg: Expr | undefined;
  defaults: Defaults;
}

/**
 * `res.cookie(name, value, opts)` (Express), `reply.setCookie(name, value, opts)` (@fastify/cookie),
 * `cookies().set(name, value, opts)` / `response.cookies.set({ name, value, … })` (Next),
 * `cookie.serialize(name, value, opts)` and Hono's `setCookie(c, name, value, opts)`.
 */
function cookieSetter(facts: FileFacts, call: CallExpr, fn: FnId): Setter | undefined {
  const callee = call.callee;
  const args = call.args;
  const origin = resolveModuleMember(facts, callee, fn);
  if (origin) {
    if (origin.module === 'cookie' && origin.path.join('.') === 'serialize') return { via: 'cookie.serialize', name: args[0], value: args[1], options: args[2], lastArg: args[1], defaults: NO_DEFAULTS };
    if (origin.module === 'hono/cookie' && /^setCookie$|^setSignedCookie$/.test(origin.path.join('.'))) {
      const options = origin.path[0] === 'setSignedCookie' ? args[4] : args[3];
      return { via: 'setCookie', name: args[1], value: args[2], options, lastArg: origin.path[0] === 'setSignedCookie' ? args[3] : args[2], defaults: NO_DEFAULTS };
    }
    return undefined;
  }
  if (callee.k !== 'member') return undefined;
  const root = rootName(callee.object);
  if (callee.name === 'cookie' && args.length >= 2 && root && /^(res|resp|response|reply|rep)$/.test(root)) {
    return { via: `${root}.cookie`, name: args[0], value: args[1], options: args[2], lastArg: args[1], defaults: NO_DEFAULTS };
  }
  if (callee.name === 'setCookie' && args.length >= 2 && root && /^(reply|rep|res|response)$/.test(root)) {
    return { via: 'reply.setCookie', name: args[0], value: args[1], options: args[2], lastArg: args[1], defaults: NO_DEFAULTS };
  }
  if (callee.name === 'set' && isNextCookieStore(facts, callee.object, fn)) {
    const via = 'cookies().set';
    if (args.length === 1 && args[0]!.k === 'obj') {
      const obj = args[0];
      return { via, name: findProp(obj, 'name')?.value, value: findProp(obj, 'value')?.value, options: obj, lastArg: undefined, defaults: NO_DEFAULTS };
    }
    if (args.length >= 2) return { via, name: args[0], value: args[1], options: args[2], lastArg: args[1], defaults: NO_DEFAULTS };
  }
  // Koa: `ctx.cookies.set(name, value, opts)` (the `cookies` package): HttpOnly by default, and
  // Secure whenever the request came over HTTPS.
  if (callee.name === 'set' && callee.object.k === 'member' && callee.object.name === 'cookies' && callee.object.object.k === 'id' && callee.object.object.name === 'ctx' && args.length >= 2) {
    return { via: 'ctx.cookies.set', name: args[0], value: args[1], options: args[2], lastArg: args[1], defaults: COOKIES_PACKAGE_DEFAULTS };
  }
  return undefined;
}

/** `cookies()`, `await cookies()`, `response.cookies`, or a variable holding one of them. */
function isNextCookieStore(facts: FileFacts, expr: Expr, fn: FnId, depth = 0): boolean {
  if (depth > 4) return false;
  if (expr.k === 'await') return isNextCookieStore(facts, expr.expr, fn, depth + 1);
  if (expr.k === 'call' && expr.callee.k === 'id') {
    const origin = resolveModuleMember(facts, expr.callee, fn);
    return origin?.module === 'next/headers' && origin.path.join('.') === 'cookies';
  }
  if (expr.k === 'member') return expr.name === 'cookies' && !(expr.object.k === 'id' && expr.object.name === 'ctx');
  if (expr.k === 'id') {
    const decl = facts.decls.find((d) => d.name === expr.name && d.init && d.kind !== 'param');
    return decl?.init ? isNextCookieStore(facts, decl.init, fn, depth + 1) : /^cookieStore$/.test(expr.name);
  }
  return false;
}

function checkCookie(ctx: RuleContext, file: string, fn: FnId, call: CallExpr, setter: Setter, defaults: Defaults): State | undefined {
  const name = setter.name ? resolveValue(ctx, file, setter.name, fn).expr : undefined;
  const nameText = name?.k === 'str' ? name.value : name?.k === 'tpl' ? name.quasis.join('*') : undefined;
  if (nameText !== undefined && NOT_AUTH_COOKIE.test(nameText)) return undefined;
  const authByName = nameText !== undefined && AUTH_COOKIE.test(nameText);
  if (!authByName && !valueLooksLikeCredential(setter.value)) return undefined;
  if (isClearing(ctx, file, fn, setter)) return undefined;

  const options = setter.options ? resolveValue(ctx, file, setter.options, fn) : undefined;
  const flags = options ? readFlags(ctx, options) : { set: new Map<Flag, FlagValue>(), complete: true };
  if (!flags) return undefined;
  const missing = FLAGS.filter((f) => isMissing(flags.set.get(f), defaults[f], flags.complete));
  if (missing.length === 0) return undefined;

  const edits = fixEdits(ctx, file, setter, options, flags.set, missing);
  const route = enclosingRoute(ctx, file, fn);
  return {
    file,
    span: call.span,
    what: nameText !== undefined ? `cookie '${nameText}'` : 'auth cookie',
    via: setter.via,
    missing,
    route: route ? `${route.method} ${route.path}` : undefined,
    routeKey: route?.key,
    edits,
  };
}

function valueLooksLikeCredential(value: Expr | undefined): boolean {
  let found = false;
  walkExpr(value, (e) => {
    if (found) return false;
    if ((e.k === 'id' || e.k === 'member') && AUTH_VALUE_WORD.test(e.k === 'id' ? e.name : e.name)) found = true;
    return !found;
  });
  return found;
}

/** Deleting a cookie (`res.cookie('sid', '', { maxAge: 0 })`) sends no credential. */
function isClearing(ctx: RuleContext, file: string, fn: FnId, setter: Setter): boolean {
  const value = setter.value ? resolveValue(ctx, file, setter.value, fn).expr : undefined;
  if (value && ((value.k === 'str' && value.value === '') || value.k === 'null')) return true;
  const options = setter.options ? resolveValue(ctx, file, setter.options, fn).expr : undefined;
  if (options?.k !== 'obj') return false;
  const maxAge = findProp(options, 'maxAge')?.value;
  if (maxAge && ((maxAge.k === 'num' && maxAge.value <= 0) || (maxAge.k === 'unary' && maxAge.op === '-'))) return true;
  const expires = findProp(options, 'expires')?.value;
  return Boolean(expires && expires.k === 'call' && expires.isNew && expires.args[0]?.k === 'num' && expires.args[0].value <= 1);
}

type FlagValue = { prop: ObjProp; obj: Resolved; safe: boolean };

/**
 * The flags an options object sets, following spreads of local objects. `complete` is false when a
 * spread could not be read: a flag it might set is then not reported as missing.
 */
function readFlags(ctx: RuleContext, options: Resolved, depth = 0): { set: Map<Flag, FlagValue>; complete: boolean } | undefined {
  if (options.expr.k !== 'obj') return undefined;
  const set = new Map<Flag, FlagValue>();
  let complete = true;
  for (const prop of options.expr.props) {
    if (prop.spread) {
      const inner = depth < 4 ? resolveValue(ctx, options.file, prop.value, options.fn) : undefined;
      const read = inner ? readFlags(ctx, inner, depth + 1) : undefined;
      if (!read) complete = false;
      else {
        if (!read.complete) complete = false;
        for (const [flag, value] of read.set) set.set(flag, value);
      }
      continue;
    }
    const flag = FLAGS.find((f) => f.toLowerCase() === prop.key?.toLowerCase());
    if (flag) set.set(flag, { prop, obj: options, safe: isSafeValue(ctx, options, flag, prop.value) });
  }
  return { set, complete };
}

/** `false` (or `sameSite: false`/`'none'` without reason) is unsafe; any other expression is taken as deliberate. */
function isSafeValue(ctx: RuleContext, at: Resolved, flag: Flag, expr: Expr): boolean {
  const value = resolveValue(ctx, at.file, expr, at.fn).expr;
  if (value.k === 'bool') return value.value;
  if (value.k === 'undefined' || value.k === 'null') return false;
  if (flag === 'sameSite' && value.k === 'str') return value.value !== '';
  return true;
}

function isMissing(value: FlagValue | undefined, safeByDefault: boolean, complete: boolean): boolean {
  if (value) return !value.safe;
  return !safeByDefault && complete;
}

function fixEdits(ctx: RuleContext, file: string, setter: Setter, options: Resolved | undefined, set: Map<Flag, FlagValue>, missing: Flag[]): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const toAdd: string[] = [];
  for (const flag of missing) {
    const present = set.get(flag);
    if (present) edits.push({ file: present.obj.file, start: present.prop.value.span.start, end: present.prop.value.span.end, text: FIX_VALUE[flag] });
    else toAdd.push(FIX_TEXT[flag]);
  }
  if (toAdd.length > 0) {
    if (options) {
      if (options.expr.k !== 'obj') return undefined;
      const text = ctx.getText(options.file);
      const edit = text ? addPropsEdit(text, options.file, options.expr, toAdd) : undefined;
      if (!edit) return undefined;
      edits.push(edit);
    } else if (setter.lastArg) {
      edits.push({ file, start: setter.lastArg.span.end, end: setter.lastArg.span.end, text: `, { ${toAdd.join(', ')} }` });
    } else {
      return undefined;
    }
  }
  return edits;
}

// ---------------------------------------------------------------- session middleware

/** `session({ cookie: { … } })` (express-session) and `cookieSession({ … })` (cookie-session). */
function* checkSessionMiddleware(ctx: RuleContext): Generator<State> {
  for (const found of callsTo(ctx, ['express-session', 'cookie-session'], (origin) => origin.path.length === 0)) {
    const { file, call, site } = found;
    if (isTestFile(file)) continue;
    const route = enclosingRoute(ctx, file, site.fn);
    const base = { file, span: call.span, route: route ? `${route.method} ${route.path}` : undefined, routeKey: route?.key };
    const optionsArg = call.args[0];
    // express-session defaults to HttpOnly and sets neither Secure nor SameSite unless told;
    // cookie-session (the `cookies` package) also sets Secure by itself on HTTPS requests.
    const defaults: Defaults = found.origin.module === 'cookie-session' ? COOKIES_PACKAGE_DEFAULTS : { httpOnly: true, secure: false, sameSite: false };
    if (found.origin.module === 'cookie-session') {
      if (!optionsArg) {
        yield { ...base, what: 'session cookie', via: 'cookie-session', missing: ['sameSite'], edits: undefined };
        continue;
      }
      const options = resolveValue(ctx, file, optionsArg, site.fn);
      const flags = readFlags(ctx, options);
      if (!flags) continue;
      const missing = FLAGS.filter((f) => isMissing(flags.set.get(f), defaults[f], flags.complete));
      if (missing.length === 0) continue;
      yield { ...base, what: 'session cookie', via: 'cookie-session', missing, edits: fixEdits(ctx, file, emptySetter, options, flags.set, missing) };
      continue;
    }
    if (!optionsArg) continue;
    const options = resolveValue(ctx, file, optionsArg, site.fn);
    if (options.expr.k !== 'obj') continue;
    const cookieProp = findProp(options.expr, 'cookie');
    if (!cookieProp) {
      if (options.expr.props.some((p) => p.spread)) continue;
      const text = ctx.getText(options.file);
      const edit = text ? addPropsEdit(text, options.file, options.expr, [`cookie: { ${FIX_TEXT.secure}, ${FIX_TEXT.sameSite} }`]) : undefined;
      yield { ...base, what: 'session cookie', via: 'express-session', missing: ['secure', 'sameSite'], edits: edit ? [edit] : undefined };
      continue;
    }
    const cookie = resolveValue(ctx, options.file, cookieProp.value, options.fn);
    const flags = readFlags(ctx, cookie);
    if (!flags) continue;
    const missing = FLAGS.filter((f) => isMissing(flags.set.get(f), defaults[f], flags.complete));
    if (missing.length === 0) continue;
    yield { ...base, what: 'session cookie', via: 'express-session', missing, edits: fixEdits(ctx, file, emptySetter, cookie, flags.set, missing) };
  }
}

const emptySetter: Setter = { via: '', name: undefined, value: undefined, options: undefined, lastArg: undefined, defaults: NO_DEFAULTS };

const FASTIFY_COOKIE_MODULES = ['@fastify/cookie', 'fastify-cookie'];

/**
 * The file's text says "cookie" somewhere (what every cookie setter's name or argument does):
 * other files need no call read. Per file version: the rule runs whole on every edit.
 */
function mentionsCookie(ctx: RuleContext, facts: FileFacts): boolean {
  let known = cookieMentions.get(facts);
  if (known === undefined) cookieMentions.set(facts, (known = /cookie/i.test(ctx.getText(facts.path) ?? 'cookie')));
  return known;
}

const cookieMentions = new WeakMap<FileFacts, boolean>();

/** `fastify.register(fastifyCookie, { parseOptions: { httpOnly: true, … } })` sets defaults for every `setCookie`. */
function fastifyCookieDefaults(ctx: RuleContext): Defaults {
  const out: Defaults = { ...NO_DEFAULTS };
  // The plugin is resolved through the file's own imports.
  for (const file of filesImporting(ctx, FASTIFY_COOKIE_MODULES)) {
    const facts = ctx.files.get(file)!;
    for (const site of facts.calls) {
      const call = site.expr;
      if (call.callee.k !== 'member' || call.callee.name !== 'register' || !call.args[0] || !call.args[1]) continue;
      const plugin = resolveModuleMember(facts, call.args[0], site.fn);
      if (!plugin || !FASTIFY_COOKIE_MODULES.includes(plugin.module)) continue;
      const options = resolveValue(ctx, file, call.args[1], site.fn);
      if (options.expr.k !== 'obj') continue;
      const parse = findProp(options.expr, 'parseOptions');
      if (!parse) continue;
      const flags = readFlags(ctx, resolveValue(ctx, options.file, parse.value, options.fn));
      for (const flag of FLAGS) if (flags?.set.get(flag)?.safe) out[flag] = true;
    }
  }
  return out;
}
