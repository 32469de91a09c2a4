import type { Expr, FileFacts, FnId, ObjProp } from '../analyzer/model/ir';
import type { Location, Middleware, Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { callWithSpan, findProp, functionAt, hasSpread, modulesOf, resolveModuleMember, resolveValue, type CallExpr } from './utils/calls';
import { formatSize, ONE_MB, sizeOfExpr } from './utils/size';
import { fileInScope, filesToScan } from './utils/scope';
import { routesWithMiddlewareAppliedIn } from './utils/route-lookup';

interface State {
  /** What is wrong: a body limit raised too far, or an upload parser with no file size limit. */
  problem: 'large-limit' | 'no-file-limit';
  /** How the parser reads in code, e.g. `express.json`, `multer`, `Fastify bodyLimit`. */
  parser: string;
  /** The size allowed, when known (bytes; Infinity for "no limit"). */
  size: number | undefined;
  location: Location;
  /** Where it applies: 'global' (every later route), the routes using it, or 'handler'. */
  scope: 'global' | 'routes' | 'handler' | 'server';
  /** The routes that use a route-level parser; `guarded` when authentication runs before parsing. */
  routes: { route: Route; guarded: boolean }[];
  /** What the default would be / what to set, for the message. */
  advice: string;
}

/** Where a call is: its file and function scope, to resolve the names in its arguments. */
interface Where {
  ctx: RuleContext;
  facts: FileFacts;
  fn: FnId;
}

/** A body parser or upload library this rule reads, identified by package and member path. */
interface ParserSpec {
  module: RegExp;
  /** The member path joined with '.', '' for the package itself. */
  member: RegExp;
  /** How the parser is named in messages. */
  label: string;
  check: (call: CallExpr, at: Where) => Omit<State, 'parser' | 'scope' | 'routes'> | undefined;
}

const FASTIFY_SERVER_ADVICE = "Keep Fastify's 1 MB default bodyLimit on the server and raise it only in the options of the routes that need it";
const FASTIFY_ROUTE_ADVICE = 'Raise bodyLimit only as far as this route needs, and only behind authentication';
const NEXT_ADVICE = "Keep the Pages API's 1 MB default, or disable the body parser on this route (bodyParser: false) and stream the upload with a size limit";
const NEXT_ACTIONS_ADVICE = 'Keep the 1 MB default for server actions; send large files to a route handler that streams them with a size limit';
const PAGES_API_FILE = /(^|\/)pages\/api\/.+\.(ts|tsx|js|jsx|mjs|cjs)$/;
const NEXT_CONFIG_FILE = /(^|\/)next\.config\.(js|mjs|cjs|ts|mts)$/;
const JSON_ADVICE = 'Keep JSON and form bodies at 1 MB or less (the default is 100 KB) and raise the limit only on the routes that need it, behind authentication';

/**
 * Parsers met as middleware (on a chain or in a global `use`). Libraries driven by hand inside
 * handlers (busboy, formidable) are found by scanning calls instead, and Fastify's `bodyLimit` is
 * read from the route model (`AppFacts.bodyLimit`, `Route.bodyLimit`). Another framework's parser
 * is one more entry in one of these tables, or one more model field read in `detect`.
 */
const MIDDLEWARE_PARSERS: readonly ParserSpec[] = [
  {
    module: /^(express|body-parser)$/,
    member: /^(json|urlencoded|text)?$/,
    label: 'bodyParser',
    check: (call, at) => largeOption(call, at, 'limit', JSON_ADVICE),
  },
  {
    module: /^multer$/,
    member: /^$/,
    label: 'multer()',
    check: (call, at) => missingNested(call, at, ['limits', 'fileSize'], 'Set limits: { fileSize } (and files, fields) on the multer instance'),
  },
  {
    module: /^express-fileupload$/,
    member: /^$/,
    label: 'fileUpload()',
    check: (call, at) => missingNested(call, at, ['limits', 'fileSize'], 'Set limits: { fileSize } and abortOnLimit: true'),
  },
];

/**
 * Parsers found by scanning every call: those driven by hand inside handlers, and the upload
 * middleware factories again, for instances called from a handler (`upload.single('f')(req, res, cb)`)
 * rather than placed on a chain (found first, with their routes, above).
 */
const CALL_PARSERS: readonly ParserSpec[] = [
  ...MIDDLEWARE_PARSERS.filter((p) => p.label !== 'bodyParser'),
  {
    module: /^busboy$/,
    member: /^$/,
    label: 'busboy()',
    check: (call, at) => missingNested(call, at, ['limits', 'fileSize'], 'Pass limits: { fileSize } to busboy and stop reading when the file stream emits "limit"'),
  },
  {
    module: /^formidable$/,
    member: /^(|IncomingForm|formidable)$/,
    label: 'formidable()',
    // formidable's default maxFileSize is 200 MB; `form.maxFileSize = …` (v1) counts as set.
    check: (call, at) => (assignsMember(at.facts, 'maxFileSize') ? undefined : missingNested(call, at, ['maxFileSize'], 'Pass maxFileSize (and maxTotalFileSize) to formidable; its default is 200 MB')),
  },
];

export default defineRule<State>({
  id: 'missing-body-limit',
  incremental: true,
  // Server-wide parsers and limits apply to routes everywhere.
  projectInputs: (ctx) => ctx.model.apps.map((a) => `${a.at.file}:${a.at.span.start} ${a.globalMiddleware.map((m) => `${m.at.file}:${m.at.span.start}-${m.at.span.end}`).join(',')} ${a.bodyLimit ? `${a.bodyLimit.bytes}@${a.bodyLimit.at.file}:${a.bodyLimit.at.span.start}` : '-'}`).join('\n'),
  meta: {
    summary: 'A body parser or upload handler accepts very large or unlimited request bodies.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-770', 'CWE-400'],
    owaspApi: ['API4:2023'],
    fix: 'none',
  },

  *detect(ctx) {
    const found = new Map<string, State>();
    const seenRoutes = new Map<string, Set<Route>>();
    const add = (state: State) => {
      const key = `${state.location.file}:${state.location.span.start}`;
      const prior = found.get(key);
      if (!prior) {
        found.set(key, state);
        seenRoutes.set(key, new Set(state.routes.map((r) => r.route)));
      } else if (state.scope === 'global') prior.scope = 'global';
      else {
        const seen = seenRoutes.get(key)!;
        for (const r of state.routes) if (!seen.has(r.route)) (seen.add(r.route), prior.routes.push(r));
      }
    };

    // 1. Parsers used as middleware: global `use` on an app, or on a route's chain.
    // The same middleware expression sits on the chain of every route under its mount: read it once.
    const read = new Map<string, ReturnType<typeof readMiddleware>>();
    // Routes of one router share their middleware's location objects: looked up by identity first.
    const readAt = new Map<Location, ReturnType<typeof readMiddleware>>();
    const readOnce = (at: Location) => {
      if (readAt.has(at)) return readAt.get(at);
      const key = `${at.file}:${at.span.start}:${at.span.end}`;
      if (!read.has(key)) read.set(key, readMiddleware(ctx, at));
      const hit = read.get(key);
      readAt.set(at, hit);
      return hit;
    };
    // These findings sit at the parser, and list every route that uses it: with a scope, only
    // parsers in its files are read (a route in scope puts the files of its chain in scope).
    for (const app of ctx.model.apps) {
      for (const mw of app.globalMiddleware) {
        if (!fileInScope(ctx, mw.at.file)) continue;
        const hit = readOnce(mw.at);
        if (hit) add({ ...hit, scope: 'global', routes: [] });
      }
    }
    const scopeFiles = ctx.scope?.files;
    for (const route of scopeFiles ? routesWithMiddlewareAppliedIn(ctx, scopeFiles) : ctx.model.routes) {
      const chain = route.chain;
      for (let i = 0; i < chain.length; i++) {
        const mw = chain[i]!;
        if (mw.scope === 'global' || (scopeFiles && !scopeFiles.has(mw.at.file))) continue;
        const hit = readOnce(mw.at);
        if (hit) add({ ...hit, scope: 'routes', routes: [{ route, guarded: authBefore(route, i) }] });
      }
    }
    // 2. Upload libraries driven by hand and server options, wherever they are called (with a
    // scope, in its files: these findings sit at the call).
    for (const file of filesToScan(ctx)) {
      const facts = ctx.files.get(file)!;
      if (!mayCallParser(facts)) continue;
      for (const site of facts.calls) {
        const where: Where = { ctx, facts, fn: site.fn };
        const spec = specFor(CALL_PARSERS, where, site.expr);
        const state = spec?.check(site.expr, where);
        if (spec && state) add({ ...state, parser: spec.label, scope: 'handler', routes: [] });
      }
    }
    // 3. Fastify's bodyLimit, read by discovery: the server option and per-route options.
    for (const app of ctx.model.apps) {
      const limit = app.bodyLimit;
      if (limit?.bytes !== undefined && limit.bytes > ONE_MB && fileInScope(ctx, limit.at.file)) add({ problem: 'large-limit', parser: 'Fastify({ bodyLimit })', size: limit.bytes, location: limit.at, scope: 'server', routes: [], advice: FASTIFY_SERVER_ADVICE });
    }
    for (const route of ctx.model.routes) {
      const limit = route.bodyLimit;
      if (limit?.source === 'route' && limit.at && limit.bytes !== undefined && limit.bytes > ONE_MB && fileInScope(ctx, limit.at.file)) add({ problem: 'large-limit', parser: 'bodyLimit in the route options', size: limit.bytes, location: limit.at, scope: 'routes', routes: [{ route, guarded: route.chain.some((m) => isAuth(m) && m.hook === 'onRequest') }], advice: FASTIFY_ROUTE_ADVICE });
    }
    // 4. Next.js: `export const config = { api: { bodyParser: { sizeLimit } } }` in a Pages API
    // route (parsed before the handler runs; middleware runs first), and
    // `serverActions.bodySizeLimit` in next.config. Both default to 1 MB.
    for (const facts of ctx.files.values()) {
      if (!fileInScope(ctx, facts.path)) continue;
      const where: Where = { ctx, facts, fn: -1 };
      if (PAGES_API_FILE.test(facts.path)) {
        const config = facts.decls.find((d) => d.fn === -1 && d.name === 'config' && d.exported && d.init?.k === 'obj');
        const limit = config?.init?.k === 'obj' ? nestedProp(where, config.init, ['api', 'bodyParser', 'sizeLimit']) : undefined;
        const size = limit ? sizeOfExpr(limit.value, facts) : undefined;
        if (limit && size !== undefined && size > ONE_MB) {
          const routes = ctx.model.routes.filter((r) => r.registration.file === facts.path || r.handler?.file === facts.path);
          add({ problem: 'large-limit', parser: 'api.bodyParser.sizeLimit', size, location: { file: facts.path, span: limit.span }, scope: 'routes', routes: routes.map((route) => ({ route, guarded: route.chain.some(isAuth) })), advice: NEXT_ADVICE });
        }
      }
      if (NEXT_CONFIG_FILE.test(facts.path)) {
        // `const nextConfig = {…}`, `module.exports = {…}`, `export default {…}`.
        const objects = [...facts.decls.map((d) => d.init), ...facts.exports.map((e) => e.expr)].filter((e): e is ObjExpr => e?.k === 'obj');
        for (const obj of objects) {
          const limit = nestedProp(where, obj, ['serverActions', 'bodySizeLimit']) ?? nestedProp(where, obj, ['experimental', 'serverActions', 'bodySizeLimit']);
          const size = limit ? sizeOfExpr(limit.value, facts) : undefined;
          if (limit && size !== undefined && size > ONE_MB) add({ problem: 'large-limit', parser: 'serverActions.bodySizeLimit', size, location: { file: facts.path, span: limit.span }, scope: 'server', routes: [], advice: NEXT_ACTIONS_ADVICE });
        }
      }
    }
    for (const state of found.values()) {
      // A raised limit on routes that all authenticate before parsing is a deliberate choice (an
      // import endpoint); what matters is a large body anyone can send.
      if (state.problem === 'large-limit' && state.scope === 'routes' && state.routes.length > 0 && state.routes.every((r) => r.guarded)) continue;
      yield state;
    }
  },

  report(state) {
    const where = whereText(state);
    const message =
      state.problem === 'large-limit'
        ? `${state.parser} accepts bodies up to ${formatSize(state.size ?? Infinity)} ${where}: one request can make the server buffer and parse that much, and a few in parallel exhaust memory or block the event loop. ${state.advice}.`
        : `${state.parser} sets no file size limit ${where}: an upload can be any size and fill the disk or memory. ${state.advice}.`;
    return {
      message,
      location: state.location,
      related: state.routes.slice(0, 5).map(({ route }) => ({ message: `used by ${route.method} ${route.path}`, location: route.registration })),
    };
  },
});

function whereText(state: State): string {
  if (state.scope === 'global') return 'for every route registered after it';
  if (state.scope === 'server') return 'on every route of this server';
  if (state.scope === 'handler') return 'where it parses uploads';
  const open = state.routes.filter((r) => !r.guarded);
  const shown = (open.length > 0 ? open : state.routes).slice(0, 2).map(({ route }) => `${route.method} ${route.path}`);
  if (shown.length === 0) return 'on this route';
  const more = state.routes.length > shown.length ? ` and ${state.routes.length - shown.length} more` : '';
  return `on ${shown.join(', ')}${more}${open.length > 0 ? ' (parsed before any authentication)' : ''}`;
}

function isAuth(m: Middleware): boolean {
  return m.roles.includes('auth') || m.roles.includes('role-check');
}

/** Authentication runs on the chain before the parser at `index` (so anonymous bodies are never parsed). */
function authBefore(route: Route, index: number): boolean {
  return route.chain.slice(0, index).some(isAuth);
}

const callsParsers = new WeakMap<FileFacts, boolean>();

/** The file imports or requires a module of `CALL_PARSERS` (the only modules `specFor` can answer with). */
function mayCallParser(facts: FileFacts): boolean {
  let known = callsParsers.get(facts);
  if (known === undefined) {
    known = false;
    for (const m of modulesOf(facts)) if (CALL_PARSERS.some((s) => s.module.test(m))) known = true;
    callsParsers.set(facts, known);
  }
  return known;
}

function specFor(specs: readonly ParserSpec[], where: Where, call: CallExpr): ParserSpec | undefined {
  // Only the factory call itself: `upload.single()` on `const upload = multer()` does not resolve.
  const pkg = resolveModuleMember(where.facts, call.callee, where.fn);
  if (!pkg) return undefined;
  const member = pkg.path.join('.');
  return specs.find((s) => s.module.test(pkg.module) && s.member.test(member));
}

/**
 * The parser factory call behind a middleware expression: `express.json({…})` itself,
 * `upload.single('f')` → `multer({…})`, `jsonParser` → `bodyParser.json({…})`, following
 * local constants and relative imports.
 */
function readMiddleware(ctx: RuleContext, at: Location): Omit<State, 'scope' | 'routes'> | undefined {
  const facts = ctx.files.get(at.file);
  const text = ctx.getText(at.file);
  if (!facts || text === undefined) return undefined;
  const site = callWithSpan(facts, at.span);
  const fn = site?.fn ?? functionAt(facts, at.span.start);
  const expr: Expr | undefined = site?.expr ?? identifierAt(text, at);
  const factory = expr ? factoryCall({ ctx, facts, fn }, expr, 0) : undefined;
  if (!factory) return undefined;
  const { spec, where, call } = factory;
  const state = spec.check(call, where);
  if (!state) return undefined;
  const pkg = resolveModuleMember(where.facts, call.callee, where.fn)!;
  const name = pkg.module === 'body-parser' ? 'bodyParser' : pkg.module;
  return { ...state, parser: `${[name, ...pkg.path].join('.')}()` };
}

function identifierAt(text: string, at: Location): Expr | undefined {
  const name = text.slice(at.span.start, at.span.end);
  return /^[A-Za-z_$][\w$]*$/.test(name) ? { k: 'id', name, span: at.span } : undefined;
}

function factoryCall(where: Where, expr: Expr, depth: number): { spec: ParserSpec; where: Where; call: CallExpr } | undefined {
  if (depth > 4) return undefined;
  if (expr.k === 'call') {
    const spec = specFor(MIDDLEWARE_PARSERS, where, expr);
    if (spec) return { spec, where, call: expr };
    // `upload.single('avatar')`: a method of the factory's result.
    if (expr.callee.k === 'member') return factoryCall(where, expr.callee.object, depth + 1);
    return undefined;
  }
  if (expr.k !== 'id') return undefined;
  const value = resolveValue(where.ctx, where.facts.path, expr, where.fn);
  if (value.expr === expr || value.expr.k !== 'call') return undefined;
  return factoryCall({ ctx: where.ctx, facts: value.facts, fn: value.fn }, value.expr, depth + 1);
}

type ObjExpr = Extract<Expr, { k: 'obj' }>;

/** An object written in place or held by a name (`const opts = {…}`, an imported config object). */
function objectValue(where: Where, expr: Expr): { obj: ObjExpr; where: Where } | undefined {
  if (expr.k === 'obj') return { obj: expr, where };
  const value = resolveValue(where.ctx, where.facts.path, expr, where.fn);
  return value.expr.k === 'obj' ? { obj: value.expr, where: { ctx: where.ctx, facts: value.facts, fn: value.fn } } : undefined;
}

/** The options object of a call (its first non-literal argument); 'none' when there is none. */
function optionsOf(call: CallExpr, where: Where): { obj: ObjExpr; where: Where } | 'none' | 'unknown' {
  for (const arg of call.args) {
    if (arg.k === 'str' || arg.k === 'num') continue;
    return objectValue(where, arg) ?? 'unknown';
  }
  return 'none';
}

/** `{ limit: '50mb' }` above 1 MB. No option, a spread, or a size computed at run time is left alone. */
function largeOption(call: CallExpr, where: Where, key: string, advice: string): Omit<State, 'parser' | 'scope' | 'routes'> | undefined {
  const options = optionsOf(call, where);
  if (typeof options === 'string') return undefined;
  const p = findProp(options.obj, key);
  if (!p) return undefined;
  const size = sizeOfExpr(p.value, options.where.facts);
  if (size === undefined || size <= ONE_MB) return undefined;
  return { problem: 'large-limit', size, location: { file: options.where.facts.path, span: p.span }, advice };
}

/** An upload parser whose options lack `limits.fileSize` (or `maxFileSize`); unknown options are left alone. */
function missingNested(call: CallExpr, where: Where, keys: string[], advice: string): Omit<State, 'parser' | 'scope' | 'routes'> | undefined {
  const missing = { problem: 'no-file-limit' as const, size: Infinity, location: { file: where.facts.path, span: call.span }, advice };
  const options = optionsOf(call, where);
  if (options === 'unknown') return undefined;
  if (options === 'none') return missing;
  let cur = options;
  for (const [i, key] of keys.entries()) {
    const p = findProp(cur.obj, key);
    if (!p) return hasSpread(cur.obj) ? undefined : missing;
    if (i === keys.length - 1) {
      // `fileSize: Infinity` is no limit.
      return sizeOfExpr(p.value, cur.where.facts) === Infinity ? { ...missing, location: { file: cur.where.facts.path, span: p.span } } : undefined;
    }
    const next = objectValue(cur.where, p.value);
    if (!next) return undefined;
    cur = next;
  }
  return undefined;
}

/** The property at `keys` inside an object, following names to object values; undefined when absent or unreadable. */
function nestedProp(where: Where, obj: ObjExpr, keys: readonly string[]): ObjProp | undefined {
  let cur: { obj: ObjExpr; where: Where } = { obj, where };
  for (const [i, key] of keys.entries()) {
    const p = findProp(cur.obj, key);
    if (!p) return undefined;
    if (i === keys.length - 1) return p;
    const next = objectValue(cur.where, p.value);
    if (!next) return undefined;
    cur = next;
  }
  return undefined;
}

/** `form.maxFileSize = 10 * 1024 * 1024` anywhere in the file. */
function assignsMember(facts: FileFacts, name: string): boolean {
  return facts.assignments.some((a) => a.target.k === 'member' && a.target.name === name);
}
