/**
 * Fastify discovery: instances, plugins and their encapsulation contexts, hooks, decorators,
 * route options and schemas, turned into routes with full prefixed paths and ordered chains.
 *
 * The boot is simulated the way avvio runs it (fastify/lib/route.js, lib/plugin-override.js):
 *
 * - a plugin registered with `register(fn, opts)` gets its own context, created when the plugin
 *   loads: after the body that registered it has finished, or at once when the registration is
 *   awaited (`await app.register(x)`). The new context copies its parent's hooks *as they are at
 *   that moment*: a hook the parent adds later (after an awaited registration) does not reach it;
 * - a plugin wrapped in `fastify-plugin` (or marked `skip-override`) runs in its parent's context:
 *   its hooks and decorators are the parent's;
 * - a route's request hooks are read at `ready`: every hook of its own context counts, including
 *   those added after the route in the same context;
 * - plugins that work through an `onRoute` hook (`@fastify/rate-limit`) only reach routes declared
 *   after the plugin has loaded.
 */
import type { CallSite, Expr, FileFacts, FnId, Span } from '../../model/ir';
import { TOP_LEVEL } from '../../model/ir';
import type { AppFacts, CredentialOp, HandlerFacts, HttpMethod, Location, Middleware, MiddlewareRole, Problem, Route } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import { emptyHandlerFacts, readHandlerFacts } from '../handler-facts';
import { callsInFileOrder } from '../fn-slices';
import { exprName, type ProjectIndex, type Value, unwrapAssign } from '../project-index';
import { describeMiddleware } from '../roles';
import { joinPaths, pathIsUnder } from '../paths';
import { autoloadPrefix, planAutoload } from './autoload';
import { type HookExemptions, hookExemptions, isExempt } from './exemptions';
import { constBool, constNumber, constString, type OptionsObject, pathString, resolveArray, resolveObject } from './values';

const SHORTHANDS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  all: 'ALL',
};
const ROUTE_METHODS: Record<string, HttpMethod> = { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE', OPTIONS: 'OPTIONS', HEAD: 'HEAD', ALL: 'ALL' };

/** Request hooks that run before the handler, in lifecycle order; `schema` validation sits between preValidation and preHandler. */
const PHASES = ['onRequest', 'preParsing', 'contentTypeParser', 'preValidation', 'schema', 'preHandler'] as const;
type Phase = (typeof PHASES)[number];
const HOOK_PHASES = new Set<string>(['onRequest', 'preParsing', 'preValidation', 'preHandler']);
const SCHEMA_PARTS: readonly [string, string][] = [
  ['body', 'body'],
  ['querystring', 'querystring'],
  ['query', 'querystring'],
  ['params', 'params'],
  ['headers', 'headers'],
];
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const MAX_CONTEXT_DEPTH = 24;
const MAX_CONTEXTS = 5_000;
const MAX_BODY_DEPTH = 32;

/** Calls on an instance that return the instance, so `app.register(a).register(b)` and `app.withTypeProvider<Z>().get(…)` chain. */
const CHAINABLE = new Set(['register', 'addHook', 'decorate', 'decorateRequest', 'decorateReply', 'withTypeProvider', 'setValidatorCompiler', 'setSerializerCompiler', 'setErrorHandler', 'setNotFoundHandler', 'addSchema', 'addContentTypeParser', 'route', 'use', 'after', ...Object.keys(SHORTHANDS)]);

type SourceKey = string;

interface FEvent {
  kind: 'register' | 'route' | 'hook' | 'decorate' | 'decorate-request' | 'helper' | 'use' | 'flush';
  file: string;
  call: CallSite;
  order: number;
  awaited: boolean;
  /** Shorthand route method (`get`, `post`…); undefined for `route({…})`. */
  shorthand?: HttpMethod;
  /** Helper call: the parameter that receives the instance. */
  target?: SourceKey;
}

type HookEntry =
  | { kind: 'request'; phase: Phase; mw: Middleware; clock: number; pathPrefix?: string; exemptions?: HookExemptions }
  /** `@fastify/rate-limit`: reaches routes declared after it loaded; `global: false` only those with `config.rateLimit`. */
  | { kind: 'rate-limit'; phase: Phase; mw: Middleware; clock: number; global: boolean }
  /** `@fastify/multipart`: a body parser for routes that take a body. */
  | { kind: 'parser'; phase: Phase; mw: Middleware; clock: number };

type Decorator = { kind: 'value'; file: string; fnScope: FnId; expr: Expr } | { kind: 'external'; module: string };

interface Ctx {
  parent: Ctx | undefined;
  prefix: string;
  hooks: HookEntry[];
  decorators: Map<string, Decorator>;
  /** `decorateRequest(name, fn)`: methods hooks call on the request (`request.isAdmin(reply)`). */
  requestDecorators: Map<string, Decorator>;
  routes: RouteSpec[];
  /** The root app's facts; undefined for a plugin no app registers. */
  app: AppFacts | undefined;
  isRoot: boolean;
  depth: number;
  notes: string[];
}

interface RouteSpec {
  file: string;
  registration: Span;
  shorthand: HttpMethod | undefined;
  args: Expr[];
  /** Where `args` are written: the call's file and scope, or the array a loop registers from. */
  argsFile: string;
  argsFn: FnId;
  clock: number;
  mounts: Location[];
}

type PluginRef =
  | { kind: 'function'; file: string; fn: FnId; encapsulated: boolean }
  | { kind: 'external'; module: string }
  | { kind: 'route-object'; file: string; fnScope: FnId; expr: Expr }
  | { kind: 'unknown'; reason: string };

interface Pending {
  plugin: PluginRef;
  /** The register call (or autoload's implicit registration). */
  at: Location;
  file: string;
  fn: FnId;
  options: Expr | undefined;
  /** A constant prefix given by autoload, instead of reading `options.prefix`. */
  prefix?: string;
  mounts: Location[];
  /** For autoload: the folder node's hooks files, registered first inside one encapsulated plugin. */
  autoload?: { hooks: string[]; plugins: Pending[]; prefix: string };
}

/** What collection reads of one file, memoized per file (see `scanFile`). */
interface FileScan {
  /** Operations on instances, in file order, with the instance each acts on. */
  events: [SourceKey, FEvent][];
  roots: [SourceKey, { file: string; fn: FnId; call: Extract<Expr, { k: 'call' }> }][];
  /** `decorate` / `decorateRequest` calls, in file order. */
  decorators: { request: boolean; call: CallSite }[];
}

/**
 * A route registration's routes, kept between runs. Reused when the registration is the same
 * (same place, same argument objects, same mounts), its context reads the same (`ctxSignature`:
 * prefix, notes, hooks with their middleware, decorators up the chain, the app's body limit), the
 * same rate limiter precedes it, and every file the emission read is the same facts object.
 */
interface EmitEntry {
  context: number;
  file: string;
  registration: Span;
  shorthand: HttpMethod | undefined;
  argsFile: string;
  argsFn: FnId;
  limiter: number;
  args: readonly Expr[];
  mounts: readonly Location[];
  reads: [string, FileFacts | undefined][];
  routes: Route[];
}

/**
 * A detached plugin's boot (its context and app facts, the plugins it registers, their routes),
 * kept between runs. Reused when every instance it ran has the same events (the same objects, from memoized
 * scans), every file it read is the same facts object, and the context limit is far enough.
 */
interface DetachedEntry {
  /** An entry plugin's app facts (the same object is handed out again). */
  app: AppFacts | undefined;
  events: [SourceKey, FEvent[] | undefined][];
  reads: [string, FileFacts | undefined][];
  routes: Route[];
  problems: Problem[];
  contexts: number;
}

/** What Fastify discovery keeps between runs (in the memo's slot; dropped with the memo). */
interface EmitCache {
  /** The project-wide decorators and the config the entries were computed with. */
  signature: string;
  config: ResolvedConfig | undefined;
  /** Context signatures → small numbers. */
  contexts: Map<string, number>;
  /** By the registration's first argument (the same object while its file is unchanged). */
  entries: Map<Expr | undefined, EmitEntry[]>;
  /** By plugin key and note. */
  detached: Map<string, DetachedEntry>;
}

/** Object identities as numbers, for signatures that must tell two equal-looking expressions apart. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function idOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

export interface FastifyDiscovery {
  routes: Route[];
  apps: AppFacts[];
  problems: Problem[];
}

export function discoverFastify(index: ProjectIndex, config: ResolvedConfig): FastifyDiscovery {
  const discoverer = new FastifyDiscoverer(index, config);
  try {
    return discoverer.run();
  } catch (error) {
    // Discovery never throws: what was found so far is kept, and the failure is a problem.
    return discoverer.partial(error);
  }
}

class FastifyDiscoverer {
  private readonly events = new Map<SourceKey, FEvent[]>();
  private readonly roots = new Map<SourceKey, { file: string; fn: FnId; call: Extract<Expr, { k: 'call' }> }>();
  /** Every `decorate(name, value)` in the project, for references whose context could not be followed. */
  private readonly anyDecorators = new Map<string, Decorator | null>();
  private readonly anyRequestDecorators = new Map<string, Decorator | null>();
  /** Instances found per name, with the files each answer read (replayed on reuse, see memo.ts); null while in progress. */
  private readonly sourceCache = new Map<string, { value: SourceKey | undefined; reads: [string, FileFacts | undefined][] } | null>();
  private cache: EmitCache | undefined;
  /** The entries this run used or made: they replace the cache's at the end of the run. */
  private readonly nextEntries = new Map<Expr | undefined, EmitEntry[]>();
  private readonly usedEntries = new Set<EmitEntry>();
  private readonly contextIds = new WeakMap<Ctx, number>();
  /** Plugins found per expression, with the files each answer read (replayed on reuse). */
  private readonly pluginCache = new Map<string, { value: PluginRef; reads: [string, FileFacts | undefined][] }>();
  private readonly nextDetached = new Map<string, DetachedEntry>();
  /** Instances whose bodies ran, in order (a kept boot lists those it ran). */
  private readonly visitedLog: SourceKey[] = [];
  /** Bumped when a limit is reached: a boot that reached one is not kept. */
  private limitHits = 0;
  private readonly visited = new Set<SourceKey>();
  private readonly routes: Route[] = [];
  private readonly apps: AppFacts[] = [];
  private readonly problems: Problem[] = [];
  private clock = 0;
  private contexts = 0;
  private limitReported = false;
  private projectUsesExpress = false;
  /** The import table, when this run asked for it (see `importedFiles`). */
  private imports: ImportTable | undefined;

  constructor(
    private readonly index: ProjectIndex,
    private readonly config: ResolvedConfig,
  ) {}

  run(): FastifyDiscovery {
    let usesFastify = false;
    for (const facts of this.index.files.values()) {
      const uses = usesOf(facts);
      if (uses.fastify) usesFastify = true;
      if (uses.express) this.projectUsesExpress = true;
    }
    if (!usesFastify) return { routes: [], apps: [], problems: [] };
    const scans = this.scanFiles();
    // An edit elsewhere (an Express router) leaves every Fastify input as it was: the last run's
    // result stands (see `RunEntry`).
    const kept = this.index.slot<{ last: RunEntry | undefined }>('fastify:run', () => ({ last: undefined }));
    const last = kept.last;
    if (last && this.sameRun(last, scans)) {
      this.index.replayReads(last.reads);
      return last.result;
    }
    kept.last = undefined;
    const { value: result, reads } = this.index.track(() => this.boot(scans));
    kept.last = { config: this.config, projectUsesExpress: this.projectUsesExpress, scans, imports: this.imports?.version, reads, result };
    return result;
  }

  /**
   * Whether the last run's result holds: the same config, every file's scan the same object (or
   * both empty: a file edited that acts on no instance), the same files in the same order, every
   * file the boot read unchanged, and the files imported anywhere the same (when the boot asked).
   */
  private sameRun(last: RunEntry, scans: [string, FileScan][]): boolean {
    if (last.config !== this.config || last.projectUsesExpress !== this.projectUsesExpress || last.scans.length !== scans.length) return false;
    for (let i = 0; i < scans.length; i++) {
      const [file, scan] = scans[i]!;
      const [lastFile, lastScan] = last.scans[i]!;
      if (file !== lastFile || (scan !== lastScan && !(isEmptyScan(scan) && isEmptyScan(lastScan)))) return false;
    }
    if (!this.index.readsCurrent(last.reads)) return false;
    return last.imports === undefined || this.importedFiles().version === last.imports;
  }

  /** The boot over the collected scans: apps, then plugins no app registers. */
  private boot(scans: [string, FileScan][]): FastifyDiscovery {
    this.collect(scans);
    this.cache = this.emitCache();
    for (const [key, root] of [...this.roots].sort(byKey)) {
      const at: Location = { file: root.file, span: root.call.span };
      const app: AppFacts = { framework: 'fastify', at, globalMiddleware: [], helmet: undefined, cors: [], bodyParsers: [] };
      const serverOpts = resolveObject(this.index, root.file, root.fn, root.call.args[0]);
      const limit = serverOpts?.props.get('bodyLimit');
      if (limit) app.bodyLimit = { bytes: constNumber(this.index, limit.file, limit.fnScope, limit.value), at: { file: limit.file, span: limit.span } };
      this.apps.push(app);
      const ctx = this.newContext(undefined, '', app, []);
      if (!ctx) break;
      this.runPlugin(ctx, key, [], 0, [key]);
      this.finalize(ctx);
      app.globalMiddleware = ctx.hooks.filter((h) => h.kind === 'request').map((h) => h.mw);
    }
    this.discoverDetachedPlugins();
    this.cache.entries = this.nextEntries;
    this.cache.detached = this.nextDetached;
    return { routes: this.routes, apps: this.apps, problems: this.problems };
  }

  partial(error: unknown): FastifyDiscovery {
    const message = error instanceof Error ? error.message : String(error);
    this.problems.push({ file: undefined, span: undefined, kind: 'discovery-error', message: `Fastify discovery stopped early (${message}); some routes may be missing` });
    return { routes: this.routes, apps: this.apps, problems: this.problems };
  }

  // ---------------------------------------------------------------- collection

  /** Every file's scan, memoized per file. */
  private scanFiles(): [string, FileScan][] {
    const scans: [string, FileScan][] = [];
    for (const file of this.index.files.keys()) scans.push([file, this.index.memoizeFile('fastify', file, () => this.scanFile(file))]);
    return scans;
  }

  /** Operations on instances from every file, grouped by the instance they act on. */
  private collect(scans: [string, FileScan][]): void {
    for (const [file, scan] of scans) {
      for (const [key, ev] of scan.events) this.addEvent(key, ev);
      for (const [key, root] of scan.roots) this.roots.set(key, root);
      for (const d of scan.decorators) this.noteDecorator(d.request ? this.anyRequestDecorators : this.anyDecorators, file, d.call);
    }
    for (const list of this.events.values()) list.sort((a, b) => a.order - b.order || a.call.expr.span.start - b.call.expr.span.start);
  }

  /** One pass over a file's calls: operations on instances, factories, calls passing an instance. */
  private scanFile(file: string): FileScan {
    const scan: FileScan = { events: [], roots: [], decorators: [] };
    const facts = this.index.get(file);
    if (!facts) return scan;
    const event = (key: SourceKey, ev: Omit<FEvent, 'order'>) => {
      // Events in the instance's own body come in file order; those from elsewhere after them.
      const order = ev.file === this.bodyFile(key) ? ev.call.statementStart : 1e9 + ev.call.statementStart;
      scan.events.push([key, { ...ev, order }]);
    };
    const importsFastify = facts.imports.some((i) => i.source === 'fastify') || facts.calls.some((c) => isRequireOf(c.expr, 'fastify'));
    for (const call of facts.calls) {
      const callee = call.expr.callee;
      if (callee.k === 'member') {
        const kind = this.opKind(callee.name, call.expr.args);
        if (kind) {
          const source = this.sourceOf(facts.path, call.fn, callee.object);
          if (source) {
            event(source, { kind, file: facts.path, call, awaited: isAwaitedStatement(call), shorthand: kind === 'route' ? SHORTHANDS[callee.name] : undefined });
            if (kind === 'decorate' || kind === 'decorate-request') scan.decorators.push({ request: kind === 'decorate-request', call });
            continue;
          }
        }
      }
      if (importsFastify && this.isFactory(facts.path, call.fn, call.expr)) {
        // Test files build throwaway apps around the real plugins; they are not the app.
        if (isTestFile(facts.path)) continue;
        scan.roots.push([`root:${facts.path}@${call.expr.span.start}`, { file: facts.path, fn: call.fn, call: call.expr }]);
        continue;
      }
      // `registerRoutes(app)`: a project function receiving the instance acts on the same context.
      const args = call.expr.args;
      if (!args.some((a) => a.k === 'id')) continue;
      // The callee first: it is rarely a project function (`app.use('/x', router)`), and then no
      // argument needs resolving (nor the files they come from read).
      const target = this.index.evaluate(facts.path, callee, call.fn);
      if (target.kind !== 'function') continue;
      args.forEach((arg, i) => {
        if (arg.k !== 'id') return;
        const source = this.sourceOf(facts.path, call.fn, arg);
        if (!source) return;
        event(source, { kind: 'helper', file: facts.path, call, awaited: false, target: `param:${target.file}:${target.fn}:${i}` });
      });
    }
    return scan;
  }

  private opKind(name: string, args: readonly Expr[]): FEvent['kind'] | undefined {
    if (name === 'register') return args.length >= 1 ? 'register' : undefined;
    if (name === 'route') return args.length === 1 ? 'route' : undefined;
    if (SHORTHANDS[name]) return args.length >= 2 ? 'route' : undefined;
    if (name === 'addHook') return args.length >= 2 && args[0]!.k === 'str' ? 'hook' : undefined;
    if (name === 'decorate') return args.length >= 2 && args[0]!.k === 'str' ? 'decorate' : undefined;
    if (name === 'decorateRequest') return args.length >= 2 && args[0]!.k === 'str' ? 'decorate-request' : undefined;
    if (name === 'use') return args.length >= 1 ? 'use' : undefined;
    if (name === 'after' || name === 'ready') return 'flush';
    return undefined;
  }

  private addEvent(key: SourceKey, ev: FEvent): void {
    // Events come from memoized file scans: shared between runs, never changed.
    let list = this.events.get(key);
    if (!list) this.events.set(key, (list = []));
    list.push(ev);
  }

  private noteDecorator(into: Map<string, Decorator | null>, file: string, call: CallSite): void {
    const name = (call.expr.args[0] as { value: string }).value;
    const value = call.expr.args[1]!;
    into.set(name, into.has(name) ? null : { kind: 'value', file, fnScope: call.fn, expr: value });
  }

  private bodyFile(key: SourceKey): string {
    if (key.startsWith('root:')) return key.slice(5, key.lastIndexOf('@'));
    const parts = key.split(':');
    return parts.slice(1, -2).join(':');
  }

  /** `Fastify()`, `fastify({ logger })`, `require('fastify')()`, `Fastify.default()`. */
  private isFactory(file: string, fn: FnId, call: Extract<Expr, { k: 'call' }>): boolean {
    const callee = call.callee;
    if (callee.k !== 'id' && callee.k !== 'member' && callee.k !== 'call') return false;
    const value = this.index.evaluate(file, callee, fn);
    return value.kind === 'external' && value.module === 'fastify' && (value.path.length === 0 || (value.path.length === 1 && (value.path[0] === 'fastify' || value.path[0] === 'default')));
  }

  /**
   * Which instance an expression denotes: a `Fastify()` call (`root:…`) or a function parameter
   * (`param:file:fn:index`: a plugin's first parameter, or a helper's). Whether a parameter really
   * is an instance is settled when its function is reached from an app.
   */
  private sourceOf(file: string, fnScope: FnId, expr: Expr, depth = 0): SourceKey | undefined {
    if (depth > 8) return undefined;
    if (expr.k === 'await') return this.sourceOf(file, fnScope, expr.expr, depth + 1);
    if (expr.k === 'id') {
      const cacheKey = `${file}:${fnScope}:${expr.name}`;
      const cached = this.sourceCache.get(cacheKey);
      if (cached !== undefined) {
        if (cached) this.index.replayReads(cached.reads);
        return cached?.value;
      }
      this.sourceCache.set(cacheKey, null);
      const { value, reads } = this.index.track(() => {
        const binding = this.index.lookup(file, expr.name, fnScope);
        if (binding?.kind === 'param' && binding.path.length === 0) return `param:${binding.file}:${binding.fn}:${binding.index}`;
        if (binding?.kind === 'decl' && binding.path.length === 0 && binding.decl.init) return this.sourceOf(binding.file, binding.decl.fn, unwrapAssign(binding.decl.init), depth + 1);
        return undefined;
      });
      this.sourceCache.set(cacheKey, { value, reads });
      return value;
    }
    if (expr.k === 'call') {
      if (this.isFactory(file, fnScope, expr)) return `root:${file}@${expr.span.start}`;
      const callee = expr.callee;
      if (callee.k === 'member' && CHAINABLE.has(callee.name)) return this.sourceOf(file, fnScope, callee.object, depth + 1);
      // `const app = await buildApp()`: the instance a project function returns.
      if (callee.k === 'id' || callee.k === 'member') {
        const value = this.index.evaluate(file, callee, fnScope);
        if (value.kind === 'function') return this.returnedSource(value.file, value.fn, depth + 1);
      }
    }
    return undefined;
  }

  private returnedSource(file: string, fn: FnId, depth: number): SourceKey | undefined {
    const facts = this.index.get(file);
    const fnFacts = facts?.functions[fn];
    if (!facts || !fnFacts) return undefined;
    if (fnFacts.exprBody) return this.sourceOf(file, fn, fnFacts.exprBody, depth);
    for (const ret of facts.returns) {
      if (ret.fn !== fn || !ret.expr) continue;
      const source = this.sourceOf(file, fn, ret.expr, depth);
      if (source && source.startsWith('root:')) return source;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- plugins

  /** What `register(x)` registers: a project plugin function (and whether it is encapsulated), a package, or unknown. */
  private pluginOf(file: string, fnScope: FnId, expr: Expr, depth = 0): PluginRef {
    if (depth > 8) return { kind: 'unknown', reason: 'resolution too deep' };
    const cacheKey = `${file}:${fnScope}:${expr.span.start}:${expr.span.end}`;
    const cached = this.pluginCache.get(cacheKey);
    if (cached) {
      this.index.replayReads(cached.reads);
      return cached.value;
    }
    const { value, reads } = this.index.track(() => this.pluginOfUncached(file, fnScope, expr, depth));
    this.pluginCache.set(cacheKey, { value, reads });
    return value;
  }

  private pluginOfUncached(file: string, fnScope: FnId, expr: Expr, depth: number): PluginRef {
    const e = unwrapAssign(expr);
    if (e.k === 'fn') return { kind: 'function', file, fn: e.fn, encapsulated: !this.skipsOverride(file, undefined) };
    if (e.k === 'call') {
      const callee = e.callee;
      // `import('./routes/users')` and `import('@fastify/rate-limit')`.
      if (callee.k === 'other' && e.args.length === 1 && e.args[0]!.k === 'str') return this.pluginOfModule(file, e.args[0].value, depth);
      const calleeValue = callee.k === 'id' || callee.k === 'member' || callee.k === 'call' ? this.index.evaluate(file, callee, fnScope) : undefined;
      if (calleeValue?.kind === 'external' && isFastifyPluginModule(calleeValue.module)) {
        const inner = e.args[0] ? this.pluginOf(file, fnScope, e.args[0], depth + 1) : { kind: 'unknown' as const, reason: 'fastify-plugin without a function' };
        return inner.kind === 'function' ? { ...inner, encapsulated: false } : inner;
      }
      if (callee.k === 'id' && callee.name === 'require' && e.args[0]?.k === 'str') return this.pluginOfModule(file, e.args[0].value, depth);
      // A plugin factory: `app.register(makeRoutes(deps))` registers the function it returns.
      if (calleeValue?.kind === 'function') {
        const returned = this.returnedFunction(calleeValue.file, calleeValue.fn, depth);
        if (returned) return returned;
      }
      if (calleeValue?.kind === 'external') return { kind: 'external', module: calleeValue.module };
      return { kind: 'unknown', reason: `'${exprName(e)}(…)' does not resolve to a plugin function` };
    }
    if (e.k === 'id' || e.k === 'member') {
      const value = this.index.evaluate(file, e, fnScope);
      return this.pluginOfValue(value, e.k === 'id' ? e.name : e.name, depth);
    }
    return { kind: 'unknown', reason: 'the plugin expression is not understood' };
  }

  private pluginOfValue(value: Value, name: string | undefined, depth: number): PluginRef {
    switch (value.kind) {
      case 'function':
        return { kind: 'function', file: value.file, fn: value.fn, encapsulated: !this.skipsOverride(value.file, this.index.fnFacts(value.file, value.fn)?.name ?? name) };
      case 'external':
        return { kind: 'external', module: value.module };
      case 'module': {
        const binding = this.index.resolveExport(value.file, 'default');
        return binding ? this.pluginOfValue(this.index.valueOfBinding(binding), name, depth + 1) : { kind: 'unknown', reason: `'${value.file}' has no default export` };
      }
      case 'expr': {
        if (value.expr.k === 'obj' && value.expr.props.some((p) => p.key === 'method')) return { kind: 'route-object', file: value.file, fnScope: value.fnScope, expr: value.expr };
        const inner = this.pluginOf(value.file, value.fnScope, value.expr, depth + 1);
        // `const plugin = async (app) => {…}; plugin[Symbol.for('skip-override')] = true`.
        return inner.kind === 'function' && name && this.skipsOverride(value.file, name) ? { ...inner, encapsulated: false } : inner;
      }
      default:
        return { kind: 'unknown', reason: value.reason };
    }
  }

  private pluginOfModule(file: string, source: string, depth: number): PluginRef {
    const target = this.index.resolveModule(file, source);
    if (target) return this.pluginOfFile(target);
    return source.startsWith('.') ? { kind: 'unknown', reason: `cannot resolve '${source}'` } : { kind: 'external', module: source };
  }

  /** The plugin a project file exports by default (or as `module.exports`). */
  private pluginOfFile(file: string): PluginRef {
    const binding = this.index.resolveExport(file, 'default') ?? this.index.resolveExport(file, '*');
    return binding ? this.pluginOfValue(this.index.valueOfBinding(binding), undefined, 1) : { kind: 'unknown', reason: `'${file}' exports no plugin` };
  }

  private returnedFunction(file: string, fn: FnId, depth: number): PluginRef | undefined {
    const facts = this.index.get(file);
    const fnFacts = facts?.functions[fn];
    if (!facts || !fnFacts) return undefined;
    if (fnFacts.exprBody) {
      const r = this.pluginOf(file, fn, fnFacts.exprBody, depth + 1);
      return r.kind === 'function' ? r : undefined;
    }
    for (const ret of facts.returns) {
      if (ret.fn !== fn || !ret.expr) continue;
      const r = this.pluginOf(file, fn, ret.expr, depth + 1);
      if (r.kind === 'function') return r;
    }
    return undefined;
  }

  /** `plugin[Symbol.for('skip-override')] = true` in the plugin's file. */
  private skipsOverride(file: string, name: string | undefined): boolean {
    if (!name) return false;
    const facts = this.index.get(file);
    return Boolean(
      facts?.assignments.some((a) => {
        const t = a.target;
        return t.k === 'index' && t.object.k === 'id' && t.object.name === name && t.index.k === 'call' && t.index.args[0]?.k === 'str' && t.index.args[0].value === 'skip-override';
      }),
    );
  }

  // ---------------------------------------------------------------- the boot

  private newContext(parent: Ctx | undefined, prefix: string, app: AppFacts | undefined, notes: string[]): Ctx | undefined {
    if (++this.contexts > MAX_CONTEXTS || (parent && parent.depth >= MAX_CONTEXT_DEPTH)) {
      this.limitHits++;
      if (!this.limitReported) {
        this.limitReported = true;
        this.problems.push({ file: undefined, span: undefined, kind: 'limit', message: `Fastify discovery stopped following plugins after ${MAX_CONTEXTS} contexts or ${MAX_CONTEXT_DEPTH} nested registrations; some routes are missing` });
      }
      return undefined;
    }
    this.clock++;
    return {
      parent,
      prefix,
      hooks: parent ? [...parent.hooks] : [],
      decorators: new Map(),
      requestDecorators: new Map(),
      routes: [],
      app,
      isRoot: !parent,
      depth: parent ? parent.depth + 1 : 0,
      notes: parent ? [...parent.notes, ...notes] : notes,
    };
  }

  /** Runs a plugin body (its registered children load when it ends), as avvio does. */
  private runPlugin(ctx: Ctx, key: SourceKey, mounts: Location[], depth: number, stack: SourceKey[]): void {
    const pending: Pending[] = [];
    this.runBody(ctx, key, pending, mounts, depth, stack);
    this.flush(ctx, pending, depth, stack);
  }

  private runBody(ctx: Ctx, key: SourceKey, pending: Pending[], mounts: Location[], depth: number, stack: SourceKey[]): void {
    if (depth > MAX_BODY_DEPTH) return;
    this.visited.add(key);
    this.visitedLog.push(key);
    for (const ev of this.events.get(key) ?? []) {
      this.clock++;
      const call = ev.call.expr;
      switch (ev.kind) {
        case 'hook':
          this.addHook(ctx, ev);
          break;
        case 'use':
          this.addUse(ctx, ev);
          break;
        case 'decorate':
        case 'decorate-request': {
          const name = (call.args[0] as { value: string }).value;
          (ev.kind === 'decorate' ? ctx.decorators : ctx.requestDecorators).set(name, { kind: 'value', file: ev.file, fnScope: ev.call.fn, expr: call.args[1]! });
          break;
        }
        case 'route':
          for (const x of this.expandRouteLoops(ev)) {
            // A route object from an array is reported where it is written, not at the loop.
            const item = x.args[0];
            const registration = x.file !== ev.file || x.args !== call.args ? { file: x.file, span: item!.span } : { file: ev.file, span: call.span };
            ctx.routes.push({ file: registration.file, registration: registration.span, shorthand: ev.shorthand, args: x.args, argsFile: x.file, argsFn: x.fn, clock: this.clock, mounts });
          }
          break;
        case 'register': {
          const plugin = this.pluginOf(ev.file, ev.call.fn, call.args[0]!);
          pending.push({ plugin, at: { file: ev.file, span: call.span }, file: ev.file, fn: ev.call.fn, options: call.args[1], mounts });
          if (ev.awaited) this.flush(ctx, pending, depth, stack);
          break;
        }
        case 'flush':
          if (ev.awaited) this.flush(ctx, pending, depth, stack);
          break;
        case 'helper':
          if (ev.target && !stack.includes(ev.target)) this.runBody(ctx, ev.target, pending, mounts, depth + 1, [...stack, ev.target]);
          break;
      }
    }
  }

  private flush(ctx: Ctx, pending: Pending[], depth: number, stack: SourceKey[]): void {
    while (pending.length > 0) this.load(ctx, pending.shift()!, depth, stack);
  }

  /** A registered plugin loads: a new context, the parent's own (fastify-plugin), or a package's effect. */
  private load(ctx: Ctx, item: Pending, depth: number, stack: SourceKey[]): void {
    this.clock++;
    const plugin = item.plugin;
    const mounts = [...item.mounts, item.at];
    if (item.autoload) {
      const group = this.newContext(ctx, joinPaths(ctx.prefix, item.autoload.prefix), ctx.app, []);
      if (!group) return;
      const inner: Pending[] = [];
      for (const hooksFile of item.autoload.hooks) {
        const hookPlugin = this.pluginOfFile(hooksFile);
        if (hookPlugin.kind === 'function') inner.push({ ...item, autoload: undefined, plugin: { ...hookPlugin, encapsulated: false }, prefix: undefined, mounts });
      }
      inner.push(...item.autoload.plugins.map((p) => ({ ...p, mounts })));
      this.flush(group, inner, depth + 1, stack);
      this.finalize(group);
      return;
    }
    switch (plugin.kind) {
      case 'function': {
        const key = `param:${plugin.file}:${plugin.fn}:0`;
        if (stack.includes(key)) {
          this.problems.push({ file: item.at.file, span: item.at.span, kind: 'circular-plugin', message: 'this plugin registers itself (directly or through others); the cycle was not followed' });
          return;
        }
        if (!plugin.encapsulated) {
          this.runPlugin(ctx, key, mounts, depth + 1, [...stack, key]);
          return;
        }
        const prefix = item.prefix !== undefined ? { value: item.prefix, note: undefined } : this.prefixOption(item);
        const child = this.newContext(ctx, joinPaths(ctx.prefix, prefix.value), ctx.app, prefix.note ? [prefix.note] : []);
        if (!child) return;
        this.runPlugin(child, key, mounts, depth + 1, [...stack, key]);
        this.finalize(child);
        return;
      }
      case 'route-object': {
        const child = this.newContext(ctx, joinPaths(ctx.prefix, item.prefix ?? ''), ctx.app, []);
        if (!child) return;
        child.routes.push({ file: plugin.file, registration: plugin.expr.span, shorthand: undefined, args: [plugin.expr], argsFile: plugin.file, argsFn: plugin.fnScope, clock: this.clock, mounts });
        this.finalize(child);
        return;
      }
      case 'external':
        this.loadPackage(ctx, item, normalizeModule(plugin.module), depth, stack);
        return;
      case 'unknown': {
        this.problems.push({ file: item.at.file, span: item.at.span, kind: 'unresolved-plugin', message: `a registered plugin could not be resolved (${plugin.reason}); its routes, hooks and prefix are missing` });
        return;
      }
    }
  }

  private prefixOption(item: Pending): { value: string; note: string | undefined } {
    const opts = resolveObject(this.index, item.file, item.fn, item.options);
    const prop = opts?.props.get('prefix');
    if (!prop) return { value: '', note: item.options && !opts ? 'the plugin options could not be resolved; a prefix may be missing' : undefined };
    const { path, note } = pathString(this.index, prop.file, prop.fnScope, prop.value);
    return { value: path === '/*' ? '/:prefix' : path, note: note ? 'the plugin prefix is built at run time' : undefined };
  }

  /** Known Fastify packages: what registering them does to the context. */
  private loadPackage(ctx: Ctx, item: Pending, module: string, depth: number, stack: SourceKey[]): void {
    const opts = resolveObject(this.index, item.file, item.fn, item.options);
    const opt = (key: string) => opts?.props.get(key);
    const described = (origin: string, phase: Phase, name = module): Middleware => {
      const mw = describeMiddleware({
        index: this.index,
        config: this.config,
        file: item.file,
        fnScope: item.fn,
        expr: { k: 'id', name, span: item.at.span },
        at: item.at,
        scope: ctx.isRoot ? 'global' : 'mount',
        resolved: { kind: 'external', module: origin, path: [] },
      });
      mw.hook = phase;
      return mw;
    };
    switch (module) {
      case '@fastify/autoload': {
        const plan = planAutoload(this.index, item.file, item.fn, item.options);
        for (const note of plan.notes) this.problems.push({ file: item.at.file, span: item.at.span, kind: 'autoload', message: note });
        const registrations: Pending[] = [];
        for (const node of plan.nodes) {
          const plugins: Pending[] = [];
          for (const p of node.plugins) {
            let plugin = this.pluginOfFile(p.file);
            // Autoload skips files that export no plugin (and a filter of the project's may exclude them).
            if (plugin.kind === 'unknown') continue;
            if (plugin.kind === 'function' && !plan.encapsulate) plugin = { ...plugin, encapsulated: false };
            const prefix = autoloadPrefix(plan, p, this.exportedString(p.file, 'autoPrefix'), this.exportedString(p.file, 'prefixOverride'));
            // The plugin's options are its `autoConfig` export; it is located at its default export.
            const config = this.autoConfig(p.file);
            const exported = this.index.get(p.file)?.exports.find((e) => e.name === 'default' || e.name === '=');
            const at = exported ? { file: p.file, span: exported.span } : item.at;
            plugins.push({ plugin, at, file: config?.file ?? p.file, fn: config?.fn ?? TOP_LEVEL, options: config?.expr, prefix, mounts: [...item.mounts, item.at] });
          }
          if (node.hooks.length === 0 || plugins.length === 0) {
            registrations.push(...plugins);
            continue;
          }
          const prefixes = new Set(plugins.map((p) => p.prefix ?? ''));
          const common = prefixes.size === 1 ? [...prefixes][0]! : '';
          for (const p of plugins) p.prefix = (p.prefix ?? '').slice(common.length);
          registrations.push({ plugin: { kind: 'unknown', reason: 'autoload group' }, at: item.at, file: item.file, fn: item.fn, options: undefined, mounts: item.mounts, autoload: { hooks: node.hooks, plugins, prefix: common } });
        }
        this.flush(ctx, registrations, depth + 1, stack);
        return;
      }
      case '@fastify/rate-limit': {
        const global = opt('global');
        const isGlobal = global ? constBool(this.index, global.file, global.fnScope, global.value) !== false : true;
        ctx.hooks.push({ kind: 'rate-limit', phase: 'onRequest', mw: described(module, 'onRequest'), clock: this.clock, global: isGlobal });
        ctx.decorators.set('rateLimit', { kind: 'external', module });
        ctx.decorators.set('createRateLimit', { kind: 'external', module });
        return;
      }
      case '@fastify/cors': {
        const hook = opt('hook');
        const phase = (hook && constString(this.index, hook.file, hook.fnScope, hook.value)) || 'onRequest';
        ctx.hooks.push({ kind: 'request', phase: toPhase(phase), mw: described(module, toPhase(phase)), clock: this.clock });
        ctx.app?.cors.push(item.at);
        return;
      }
      case '@fastify/bearer-auth': {
        const addHook = opt('addHook');
        const value = addHook ? (constBool(this.index, addHook.file, addHook.fnScope, addHook.value) ?? constString(this.index, addHook.file, addHook.fnScope, addHook.value)) : true;
        if (value === false) {
          ctx.decorators.set('verifyBearerAuth', { kind: 'external', module });
          ctx.decorators.set('verifyBearerAuthFactory', { kind: 'external', module });
        } else {
          const phase = typeof value === 'string' ? toPhase(value) : 'onRequest';
          ctx.hooks.push({ kind: 'request', phase, mw: described(module, phase), clock: this.clock });
        }
        return;
      }
      case '@fastify/basic-auth':
        ctx.decorators.set('basicAuth', { kind: 'external', module });
        return;
      case '@fastify/auth':
        ctx.decorators.set('auth', { kind: 'external', module });
        return;
      case '@fastify/jwt':
        ctx.decorators.set('jwt', { kind: 'external', module });
        return;
      case '@fastify/helmet':
        if (ctx.app && !ctx.app.helmet) ctx.app.helmet = item.at;
        return;
      case '@fastify/multipart':
        ctx.hooks.push({ kind: 'parser', phase: 'contentTypeParser', mw: described(module, 'contentTypeParser'), clock: this.clock });
        ctx.app?.bodyParsers.push(item.at);
        return;
      case '@fastify/formbody':
        ctx.app?.bodyParsers.push(item.at);
        return;
      default:
        return;
    }
  }

  /** `export const autoConfig = { … }` or `(fastify) => ({ … })`: the options autoload registers a file's plugin with. */
  private autoConfig(file: string): { expr: Expr; file: string; fn: FnId } | undefined {
    const binding = this.index.resolveExport(file, 'autoConfig');
    if (binding?.kind !== 'decl' || !binding.decl.init) return undefined;
    const init = unwrapAssign(binding.decl.init);
    if (init.k === 'obj') return { expr: init, file: binding.file, fn: binding.decl.fn };
    if (init.k !== 'fn') return undefined;
    const fnFacts = this.index.fnFacts(binding.file, init.fn);
    if (fnFacts?.exprBody?.k === 'obj') return { expr: fnFacts.exprBody, file: binding.file, fn: init.fn };
    const ret = this.index.get(binding.file)?.returns.find((r) => r.fn === init.fn && r.expr?.k === 'obj');
    return ret?.expr ? { expr: ret.expr, file: binding.file, fn: init.fn } : undefined;
  }

  /** `export const autoPrefix = '/x'`, `module.exports.autoPrefix = '/x'` or `plugin.autoPrefix = '/x'`. */
  private exportedString(file: string, name: string): string | undefined {
    const binding = this.index.resolveExport(file, name);
    if (binding?.kind === 'decl' && binding.decl.init) return constString(this.index, binding.file, binding.decl.fn, binding.decl.init);
    const assigned = this.index.get(file)?.assignments.find((a) => a.target.k === 'member' && a.target.name === name);
    return assigned ? constString(this.index, file, assigned.fn, assigned.value) : undefined;
  }

  // ---------------------------------------------------------------- hooks and decorators

  private addHook(ctx: Ctx, ev: FEvent): void {
    const name = (ev.call.expr.args[0] as { value: string }).value;
    if (!HOOK_PHASES.has(name)) return;
    const fnExpr = ev.call.expr.args[1]!;
    const mw = this.describe(ctx, ev.file, ev.call.fn, fnExpr, ctx.isRoot ? 'global' : 'mount', name as Phase);
    // An auth hook that returns early for some URLs (or route config flags) does not guard those routes.
    let exemptions: HookExemptions | undefined;
    if (mw.roles.includes('auth')) {
      const value = fnExpr.k === 'fn' ? ({ kind: 'function', file: ev.file, fn: fnExpr.fn } as const) : (this.resolveDecorator(ctx, ev.file, ev.call.fn, fnExpr) ?? this.index.evaluate(ev.file, fnExpr, ev.call.fn));
      if (value.kind === 'function') exemptions = hookExemptions(this.index, value.file, value.fn);
    }
    ctx.hooks.push({ kind: 'request', phase: name as Phase, mw, clock: this.clock, exemptions });
  }

  /** `app.use(mw)` / `app.use('/path', mw)` with @fastify/middie or @fastify/express: runs as an onRequest step. */
  private addUse(ctx: Ctx, ev: FEvent): void {
    const args = ev.call.expr.args;
    let handlers = args;
    let pathPrefix: string | undefined;
    const first = args[0];
    if (first && args.length >= 2) {
      const p = constString(this.index, ev.file, ev.call.fn, first);
      if (p !== undefined) {
        pathPrefix = joinPaths(ctx.prefix, p);
        handlers = args.slice(1);
      }
    }
    for (const handler of handlers) {
      const mw = this.describe(ctx, ev.file, ev.call.fn, handler, ctx.isRoot && !pathPrefix ? 'global' : 'mount', 'onRequest');
      ctx.hooks.push({ kind: 'request', phase: 'onRequest', mw, clock: this.clock, pathPrefix });
    }
  }

  /** A hook function as a chain entry, with decorators (`fastify.authenticate`) and `fastify.auth([...])` resolved. */
  private describe(ctx: Ctx, file: string, fnScope: FnId, expr: Expr, scope: Middleware['scope'], phase: Phase, depth = 0): Middleware {
    const resolved = this.resolveDecorator(ctx, file, fnScope, expr);
    const mw = describeMiddleware({ index: this.index, config: this.config, file, fnScope, expr, at: { file, span: expr.span }, scope, resolved });
    mw.hook = phase;
    // `addHook('onRequest', async (request) => …)`: name an inline hook after its phase (or its own name).
    if (expr.k === 'fn') mw.name = this.index.fnFacts(file, expr.fn)?.name ?? `${phase} hook`;
    // `preHandler: (request, reply) => request.isAdmin(reply)`: the hook calls a request decorator.
    if (depth < 3 && !mw.roles.some((r) => r === 'auth' || r === 'role-check')) {
      const target = resolved?.kind === 'function' ? resolved : expr.k === 'fn' ? { file, fn: expr.fn } : undefined;
      if (target) {
        const roles = this.requestDecoratorRoles(ctx, target.file, target.fn, scope);
        if (roles.length > 0) {
          mw.roles = [...new Set([...mw.roles.filter((r) => r !== 'unknown'), ...roles])];
          mw.roleSource ??= 'behaviour';
        }
      }
    }
    // @fastify/auth composes strategies: with `relation: 'and'` one role check among them makes
    // the whole a role check; with the default `or` every strategy must be one.
    if (resolved?.kind === 'external' && normalizeModule(resolved.module) === '@fastify/auth' && expr.k === 'call' && depth < 3) {
      const list = resolveArray(this.index, file, fnScope, expr.args[0]);
      if (list && list.items.length > 0) {
        const opts = resolveObject(this.index, file, fnScope, expr.args[1]);
        const relation = opts?.props.get('relation');
        const and = relation ? constString(this.index, relation.file, relation.fnScope, relation.value) === 'and' : false;
        const strategies = list.items.map((s) => this.describe(ctx, list.file, list.fnScope, s, scope, phase, depth + 1));
        const isRole = (m: Middleware) => m.roles.includes('role-check');
        const roles: MiddlewareRole[] = ['auth'];
        if (and ? strategies.some(isRole) : strategies.every(isRole)) roles.push('role-check');
        mw.roles = roles;
      }
    }
    return mw;
  }

  /**
   * Roles of the request decorators (`decorateRequest`) a hook function calls on its request
   * parameter, following decorators that call others on `this` (`isAdmin` → `this.verifyAccess`).
   */
  private requestDecoratorRoles(ctx: Ctx, file: string, fn: FnId, scope: Middleware['scope'], depth = 0, seen = new Set<string>()): MiddlewareRole[] {
    const facts = this.index.get(file);
    if (!facts || depth > 3 || seen.has(`${file}:${fn}`)) return [];
    seen.add(`${file}:${fn}`);
    const requestName = facts.functions[fn]?.params[0]?.name;
    const fns = this.index.functionAndDescendants(file, fn);
    const roles = new Set<MiddlewareRole>();
    for (const call of callsInFileOrder(facts, fns)) {
      const c = call.expr.callee;
      if (c.k !== 'member' || !((c.object.k === 'id' && c.object.name === requestName) || (depth > 0 && c.object.k === 'this'))) continue;
      let def: Decorator | null | undefined;
      for (let x: Ctx | undefined = ctx; x && !def; x = x.parent) def = x.requestDecorators.get(c.name);
      def ??= this.anyRequestDecorators.get(c.name);
      if (!def || def.kind !== 'value') continue;
      const value = this.index.evaluate(def.file, def.expr, def.fnScope);
      const mw = describeMiddleware({ index: this.index, config: this.config, file, fnScope: call.fn, expr: call.expr, at: { file, span: call.expr.span }, scope, resolved: value.kind === 'unknown' ? undefined : value });
      let found: MiddlewareRole[] = mw.roles.filter((r) => r !== 'unknown');
      if (found.length === 0 && value.kind === 'function') found = this.requestDecoratorRoles(ctx, value.file, value.fn, scope, depth + 1, seen);
      for (const r of found) roles.add(r);
    }
    return [...roles];
  }

  /** `fastify.authenticate` (or `fastify.requireRole('admin')`) on an instance: the value given to `decorate`. */
  private resolveDecorator(ctx: Ctx, file: string, fnScope: FnId, expr: Expr): Value | undefined {
    const callee = expr.k === 'call' ? expr.callee : expr;
    if (callee.k !== 'member') return undefined;
    if (!this.sourceOf(file, fnScope, callee.object)) return undefined;
    let def: Decorator | null | undefined;
    for (let c: Ctx | undefined = ctx; c && !def; c = c.parent) def = c.decorators.get(callee.name);
    def ??= this.anyDecorators.get(callee.name);
    if (!def) return undefined;
    if (def.kind === 'external') return { kind: 'external', module: def.module, path: [callee.name] };
    const value = this.index.evaluate(def.file, def.expr, def.fnScope);
    return value.kind === 'unknown' ? undefined : value;
  }

  // ---------------------------------------------------------------- routes

  /**
   * `routes.forEach((r) => app.route(r))` over an array (in this file or imported): one route
   * per element. Anything else is left as written.
   */
  private expandRouteLoops(ev: FEvent): { args: Expr[]; file: string; fn: FnId }[] {
    const args = ev.call.expr.args;
    const asWritten = [{ args, file: ev.file, fn: ev.call.fn }];
    const only = args[0];
    if (ev.shorthand || args.length !== 1 || only?.k !== 'id') return asWritten;
    const binding = this.index.lookup(ev.file, only.name, ev.call.fn);
    if (binding?.kind !== 'param' || binding.index !== 0 || binding.path.length > 0) return asWritten;
    const facts = this.index.get(binding.file);
    const loop = facts?.calls.find((c) => c.expr.callee.k === 'member' && /^(forEach|map)$/.test(c.expr.callee.name) && c.expr.args[0]?.k === 'fn' && c.expr.args[0].fn === binding.fn);
    if (!loop || loop.expr.callee.k !== 'member') return asWritten;
    const list = resolveArray(this.index, binding.file, loop.fn, loop.expr.callee.object);
    if (!list || list.items.length === 0) return asWritten;
    return list.items.map((item) => ({ args: [item], file: list.file, fn: list.fnScope }));
  }

  private finalize(ctx: Ctx): void {
    for (const spec of ctx.routes) this.emit(ctx, spec);
    ctx.routes = [];
  }

  /** The project-wide decorators, as one string: entries made with others are dropped. */
  private emitCache(): EmitCache {
    const decorator = (d: Decorator | null) => (d === null ? '-' : d.kind === 'external' ? `ext ${d.module}` : `${d.file}:${d.fnScope}:${idOf(d.expr)}`);
    const parts: string[] = [];
    for (const [name, d] of this.anyDecorators) parts.push(`d ${name}=${decorator(d)}`);
    for (const [name, d] of this.anyRequestDecorators) parts.push(`r ${name}=${decorator(d)}`);
    const signature = parts.join('\n');
    const cache = this.index.slot<EmitCache>('fastify', () => ({ signature: '', config: undefined, contexts: new Map(), entries: new Map(), detached: new Map() }));
    if (cache.signature !== signature || cache.config !== this.config) {
      cache.signature = signature;
      cache.config = this.config;
      cache.contexts.clear();
      cache.entries.clear();
      cache.detached.clear();
    }
    return cache;
  }

  /** Everything of a context a route's emission reads (see `EmitEntry`), as a small number: equal numbers, equal contexts. */
  private contextId(ctx: Ctx, cache: EmitCache): number {
    const decorator = (d: Decorator) => (d.kind === 'external' ? `ext ${d.module}` : `${d.file}:${d.fnScope}:${idOf(d.expr)}`);
    const chain: string[] = [];
    for (let c: Ctx | undefined = ctx; c; c = c.parent) {
      chain.push('|');
      for (const [name, d] of c.decorators) chain.push(`d ${name}=${decorator(d)}`);
      for (const [name, d] of c.requestDecorators) chain.push(`r ${name}=${decorator(d)}`);
    }
    const hooks = ctx.hooks.map((h) => [h.kind, h.phase, h.mw, h.kind === 'request' ? [h.pathPrefix ?? null, h.exemptions ?? null] : h.kind === 'rate-limit' ? h.global : null]);
    const signature = JSON.stringify([ctx.prefix, ctx.notes, ctx.isRoot, ctx.app ? (ctx.app.bodyLimit ?? null) : false, hooks, chain]);
    let id = cache.contexts.get(signature);
    if (id === undefined) cache.contexts.set(signature, (id = cache.contexts.size));
    return id;
  }

  /** A route registration's routes, reused from an earlier run when nothing they read changed. */
  private emit(ctx: Ctx, spec: RouteSpec): void {
    const cache = this.cache;
    if (!cache) return this.emitRoutes(ctx, spec);
    const limiter = ctx.hooks.findIndex((h) => h.kind === 'rate-limit' && h.clock < spec.clock);
    let context = this.contextIds.get(ctx);
    if (context === undefined) this.contextIds.set(ctx, (context = this.contextId(ctx, cache)));
    const first = spec.args[0];
    const entry = cache.entries.get(first)?.find((e) => sameEmission(e, context, limiter, spec));
    // The same registration twice in one run (a helper called twice) gets its own route objects.
    if (entry && !this.usedEntries.has(entry) && this.index.readsCurrent(entry.reads)) {
      this.index.replayReads(entry.reads);
      for (const route of entry.routes) this.routes.push(route);
      this.keep(first, entry);
      return;
    }
    const before = this.routes.length;
    const { reads } = this.index.track(() => this.emitRoutes(ctx, spec));
    const made: EmitEntry = { context, file: spec.file, registration: spec.registration, shorthand: spec.shorthand, argsFile: spec.argsFile, argsFn: spec.argsFn, limiter, args: [...spec.args], mounts: spec.mounts, reads, routes: this.routes.slice(before) };
    this.keep(first, made);
  }

  private keep(first: Expr | undefined, entry: EmitEntry): void {
    this.usedEntries.add(entry);
    const list = this.nextEntries.get(first);
    if (list) list.push(entry);
    else this.nextEntries.set(first, [entry]);
  }

  private emitRoutes(ctx: Ctx, spec: RouteSpec): void {
    const { index } = this;
    const notes = [...ctx.notes];
    const args = spec.args;
    let optsExpr: Expr | undefined;
    let handlerExpr: Expr | undefined;
    let pathInfo: { path: string; note: string | undefined } = { path: '/', note: undefined };
    let methods: HttpMethod[] = [];
    let insertAt: Location | undefined;

    if (spec.shorthand) {
      methods = [spec.shorthand];
      pathInfo = pathString(index, spec.argsFile, spec.argsFn, args[0]!);
      if (args.length >= 3) {
        optsExpr = args[1];
        handlerExpr = args[args.length - 1];
      } else {
        const second = args[1]!;
        const asObject = second.k === 'obj' || second.k === 'id' ? resolveObject(index, spec.argsFile, spec.argsFn, second) : undefined;
        if (asObject?.props.has('handler')) optsExpr = second;
        else {
          handlerExpr = second;
          insertAt = { file: spec.file, span: { start: second.span.start, end: second.span.start } };
        }
      }
    } else {
      optsExpr = args[0];
    }
    // Route objects written elsewhere (`routes.forEach(r => app.route(r))`) are read where they are written.
    const opts: OptionsObject | undefined = optsExpr ? resolveObject(index, spec.argsFile, spec.argsFn, optsExpr) : undefined;
    if (optsExpr && !opts) notes.push('the route options could not be resolved');
    const prop = (key: string) => opts?.props.get(key);
    if (!spec.shorthand) {
      const url = prop('url') ?? prop('path');
      pathInfo = url ? pathString(index, url.file, url.fnScope, url.value) : { path: '/*', note: 'the route url could not be resolved' };
      const method = prop('method');
      methods = method ? this.methodsOf(method.file, method.fnScope, method.value) : [];
      if (methods.length === 0) {
        methods = ['ALL'];
        notes.push('the route method could not be resolved');
      }
    }
    const handlerProp = prop('handler');
    let handlerScope: { file: string; fn: FnId } = { file: spec.argsFile, fn: spec.argsFn };
    if (!handlerExpr && handlerProp) {
      handlerExpr = handlerProp.value;
      handlerScope = { file: handlerProp.file, fn: handlerProp.fnScope };
    }
    if (pathInfo.note) notes.push(pathInfo.note);

    // Context hooks (final list of the route's context), then the route's own, in lifecycle order.
    const entries: { phase: Phase; mw: Middleware }[] = [];
    const config = prop('config');
    const configObj = config ? resolveObject(index, config.file, config.fnScope, config.value) : undefined;
    const rateLimit = configObj?.props.get('rateLimit');
    const rateLimitOff = rateLimit ? constBool(index, rateLimit.file, rateLimit.fnScope, rateLimit.value) === false : false;
    const limiter = ctx.hooks.find((h) => h.kind === 'rate-limit' && h.clock < spec.clock);
    const flags = new Map<string, boolean>();
    for (const [key, p] of configObj?.props ?? []) {
      const b = constBool(index, p.file, p.fnScope, p.value);
      if (b !== undefined) flags.set(key, b);
    }
    const fullPath = joinPaths(ctx.prefix, pathInfo.path);
    for (const hook of ctx.hooks) {
      if (hook.kind === 'request') {
        if (hook.pathPrefix !== undefined && !pathIsUnder(fullPath, hook.pathPrefix)) continue;
        if (hook.exemptions && isExempt(hook.exemptions, fullPath, flags)) {
          const roles = hook.mw.roles.filter((r) => r !== 'auth' && r !== 'role-check');
          entries.push({ phase: hook.phase, mw: { ...hook.mw, roles: roles.length > 0 ? roles : ['unknown'] } });
          continue;
        }
        entries.push({ phase: hook.phase, mw: hook.mw });
      } else if (hook.kind === 'parser') {
        if (methods.some((m) => m !== 'GET' && m !== 'HEAD')) entries.push({ phase: hook.phase, mw: hook.mw });
      } else if (hook === limiter && hook.global && !rateLimit) {
        entries.push({ phase: hook.phase, mw: hook.mw });
      }
    }
    // Without a limiter loaded before the route, `config.rateLimit` does nothing: no entry.
    if (rateLimit && !rateLimitOff && limiter) {
      const mw = describeMiddleware({ index, config: this.config, file: rateLimit.file, fnScope: rateLimit.fnScope, expr: { k: 'id', name: 'config.rateLimit', span: rateLimit.span }, at: { file: rateLimit.file, span: rateLimit.span }, scope: 'route', resolved: { kind: 'external', module: '@fastify/rate-limit', path: [] } });
      mw.hook = 'onRequest';
      entries.push({ phase: 'onRequest', mw });
    }
    for (const phase of HOOK_PHASES) {
      const p = prop(phase);
      if (!p) continue;
      const list = p.value.k === 'arr' ? p.value.items : (resolveArray(index, p.file, p.fnScope, p.value)?.items ?? [p.value]);
      for (const item of list) entries.push({ phase: phase as Phase, mw: this.describe(ctx, p.file, p.fnScope, item, 'route', phase as Phase) });
    }
    const schema = prop('schema');
    if (schema) entries.push(...this.schemaEntries(schema, notes));
    entries.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
    const chain = entries.map((e) => e.mw);

    const bodyLimitProp = prop('bodyLimit');
    const bodyLimit: Route['bodyLimit'] = bodyLimitProp
      ? { bytes: constNumber(index, bodyLimitProp.file, bodyLimitProp.fnScope, bodyLimitProp.value), at: { file: bodyLimitProp.file, span: bodyLimitProp.span }, source: 'route' }
      : ctx.app?.bodyLimit
        ? { bytes: ctx.app.bodyLimit.bytes, at: ctx.app.bodyLimit.at, source: 'server' }
        : { bytes: DEFAULT_BODY_LIMIT, at: undefined, source: 'default' };

    const handler = handlerExpr ? this.resolveHandler(handlerScope.file, handlerScope.fn, handlerExpr) : undefined;
    if (!handler) notes.push('the handler could not be resolved');
    const handlerFacts = handler ? this.withFastifyCredentialOps(ctx, handler, readHandlerFacts(index, handler.file, handler.fn)) : emptyHandlerFacts();
    const object = optsExpr?.k === 'obj' ? { file: spec.argsFile, span: optsExpr.span } : undefined;
    for (const method of methods) {
      this.routes.push({
        key: `${method} ${fullPath}`,
        framework: 'fastify',
        method,
        path: fullPath,
        registration: { file: spec.file, span: spec.registration },
        handler: handler ? { file: handler.file, span: index.fnFacts(handler.file, handler.fn)?.span ?? handlerExpr!.span } : undefined,
        handlerFn: handler,
        chain: [...chain],
        chainInsertion: undefined,
        handlerFacts,
        mounts: spec.mounts,
        certainty: notes.length > 0 ? 'partial' : 'resolved',
        notes: [...new Set(notes)],
        bodyLimit,
        routeOptions: { object, insertAt },
      });
    }
  }

  /**
   * Credential work done through Fastify: `reply.jwtSign()` / `fastify.jwt.sign()` (@fastify/jwt),
   * and decorators the handler calls on its instance (`server.hash(password)` defined with
   * `decorate('hash', …)` around bcrypt) — what tells a sign-up or login handler by behaviour.
   */
  private withFastifyCredentialOps(ctx: Ctx, handler: { file: string; fn: FnId }, facts: HandlerFacts): HandlerFacts {
    const extra = this.fastifyCredentialOps(ctx, handler.file, handler.fn, 0, new Set());
    if (extra.every((op) => facts.credentialOps.includes(op))) return facts;
    const credentialOps = [...new Set([...facts.credentialOps, ...extra])].sort();
    // A login answers 401 on a wrong password: that is the sign-in, not an auth check (as in handler-facts).
    const signsIn = credentialOps.includes('password-compare') || credentialOps.includes('session-login');
    return { ...facts, credentialOps, authCheck: signsIn ? undefined : facts.authCheck };
  }

  private fastifyCredentialOps(ctx: Ctx, file: string, fn: FnId, depth: number, seen: Set<string>): CredentialOp[] {
    const facts = this.index.get(file);
    if (!facts || depth > 2 || seen.has(`${file}:${fn}`)) return [];
    seen.add(`${file}:${fn}`);
    const fns = this.index.functionAndDescendants(file, fn);
    const ops = new Set<CredentialOp>();
    for (const call of callsInFileOrder(facts, fns)) {
      const c = call.expr.callee;
      if (c.k === 'member' && (c.name === 'jwtSign' || (c.name === 'sign' && c.object.k === 'member' && c.object.name === 'jwt'))) {
        ops.add('token-sign');
        continue;
      }
      let target: Value | undefined;
      if (c.k === 'member' && this.sourceOf(file, call.fn, c.object)) target = this.resolveDecorator(ctx, file, call.fn, c);
      else if (c.k === 'id') target = this.index.evaluate(file, c, call.fn);
      if (target?.kind !== 'function') continue;
      for (const op of readHandlerFacts(this.index, target.file, target.fn).credentialOps) ops.add(op);
      for (const op of this.fastifyCredentialOps(ctx, target.file, target.fn, depth + 1, seen)) ops.add(op);
    }
    return [...ops];
  }

  private methodsOf(file: string, fnScope: FnId, expr: Expr): HttpMethod[] {
    const one = constString(this.index, file, fnScope, expr);
    const names = one !== undefined ? [one] : (resolveArray(this.index, file, fnScope, expr)?.items.map((i) => constString(this.index, file, fnScope, i)) ?? []);
    const out: HttpMethod[] = [];
    for (const n of names) {
      const m = n ? ROUTE_METHODS[n.toUpperCase()] : undefined;
      if (m && !out.includes(m)) out.push(m);
    }
    return out;
  }

  /** `schema: { body, querystring, params, headers }`: one validation entry per part it covers. */
  private schemaEntries(schema: { value: Expr; file: string; fnScope: FnId; span: Span }, notes: string[]): { phase: Phase; mw: Middleware }[] {
    const obj = resolveObject(this.index, schema.file, schema.fnScope, schema.value);
    const entry = (name: string, at: Location): { phase: Phase; mw: Middleware } => ({
      phase: 'schema',
      mw: { name, roles: ['validation'], roleSource: 'library', args: [], at, definition: undefined, scope: 'route', hook: 'schema' },
    });
    if (!obj) {
      notes.push('the route schema could not be resolved; it is counted as validating every request part');
      return [entry('schema', { file: schema.file, span: schema.span })];
    }
    const out: { phase: Phase; mw: Middleware }[] = [];
    for (const [key, part] of SCHEMA_PARTS) {
      const p = obj.props.get(key);
      if (!p || p.value.k === 'undefined' || p.value.k === 'null') continue;
      if (out.some((o) => o.mw.name === `schema.${part}`)) continue;
      out.push(entry(`schema.${part}`, { file: p.file, span: p.span }));
    }
    return out;
  }

  /** The handler function: inline, named (any file), or the function inside a wrapper call. */
  private resolveHandler(file: string, fnScope: FnId, expr: Expr, depth = 0): { file: string; fn: FnId } | undefined {
    if (depth > 4) return undefined;
    if (expr.k === 'call') {
      for (const arg of expr.args) {
        const inner = this.resolveHandler(file, fnScope, arg, depth + 1);
        if (inner) return inner;
      }
      return undefined;
    }
    const value = this.index.evaluate(file, expr, fnScope);
    if (value.kind === 'function') return { file: value.file, fn: value.fn };
    if (value.kind === 'expr' && value.expr !== expr) return this.resolveHandler(value.file, value.fnScope, value.expr, depth + 1);
    return undefined;
  }

  // ---------------------------------------------------------------- plugins no app registers

  /**
   * Plugin functions that act on their instance but that no app found here registers: the entry
   * plugin of a fastify-cli app (`module.exports = async function (fastify, opts)` in app.js,
   * started by `fastify start`), plugins loaded by test harnesses, or plugins whose registration
   * could not be followed. Their routes are still reported; unless the plugin is an entry point,
   * with a note that prefixes and parent hooks may be missing.
   */
  private discoverDetachedPlugins(): void {
    const candidates: { key: SourceKey; file: string; fn: FnId; entry: boolean; registers: boolean }[] = [];
    for (const [key, list] of [...this.events].sort(byKey)) {
      if (this.visited.has(key) || !key.startsWith('param:') || !key.endsWith(':0')) continue;
      const parts = key.split(':');
      const fn = Number(parts[parts.length - 2]);
      const file = parts.slice(1, -2).join(':');
      const facts = this.index.get(file);
      if (!facts || isTestFile(file)) continue;
      const fileMentionsFastify = facts.imports.some((i) => isFastifyModule(i.source));
      if (!fileMentionsFastify && this.projectUsesExpress) continue;
      if (!list.some((ev) => this.isStrongEvent(ev))) continue;
      candidates.push({ key, file, fn, entry: this.isEntryPlugin(file, fn), registers: list.some((ev) => ev.kind === 'register' || ev.kind === 'helper') });
    }
    // Plugins that register others first, so that the plugins they reach get their prefixes and hooks.
    candidates.sort((a, b) => Number(b.registers) - Number(a.registers) || Number(b.entry) - Number(a.entry));
    for (const c of candidates) {
      if (this.visited.has(c.key)) continue;
      if (this.cache) {
        // Kept between runs (see `DetachedEntry`).
        if (!this.bootDetached(c)) return;
        continue;
      }
      if (!this.bootDetachedFresh(c)) return;
    }
  }

  /** Boots a plugin no app registers in a context of its own; undefined at the context limit. */
  private bootDetachedFresh(c: { key: SourceKey; file: string; fn: FnId; entry: boolean }): { app: AppFacts | undefined } | undefined {
    const name = this.index.fnFacts(c.file, c.fn)?.name;
    let app: AppFacts | undefined;
    if (c.entry) {
      app = { framework: 'fastify', at: { file: c.file, span: this.index.fnFacts(c.file, c.fn)?.span ?? { start: 0, end: 0 } }, globalMiddleware: [], helmet: undefined, cors: [], bodyParsers: [] };
      this.apps.push(app);
    }
    const note = c.entry ? [] : [`plugin ${name ? `'${name}' ` : ''}in ${c.file} is not registered by any Fastify app found; its paths lack the prefix and its chain the parent hooks it is registered with`];
    const ctx = this.newContext(undefined, '', app, note);
    if (!ctx) return undefined;
    this.runPlugin(ctx, c.key, [], 0, [c.key]);
    this.finalize(ctx);
    if (app) app.globalMiddleware = ctx.hooks.filter((h) => h.kind === 'request').map((h) => h.mw);
    return { app };
  }

  /**
   * Boots a plugin no app registers in a context of its own (an entry plugin with its own app
   * facts), or replays its kept boot; false at the context limit.
   */
  private bootDetached(c: { key: SourceKey; file: string; fn: FnId; entry: boolean }): boolean {
    const cache = this.cache!;
    const cacheKey = `${c.key}\0${c.entry}`;
    const kept = cache.detached.get(cacheKey);
    if (kept && !this.nextDetached.has(cacheKey) && this.contexts + kept.contexts <= MAX_CONTEXTS && kept.events.every(([k, list]) => sameEvents(this.events.get(k), list)) && this.index.readsCurrent(kept.reads)) {
      this.index.replayReads(kept.reads);
      if (kept.app) this.apps.push(kept.app);
      for (const route of kept.routes) this.routes.push(route);
      for (const problem of kept.problems) this.problems.push(problem);
      for (const [k] of kept.events) this.visited.add(k);
      this.contexts += kept.contexts;
      this.nextDetached.set(cacheKey, kept);
      return true;
    }
    const routesBefore = this.routes.length;
    const problemsBefore = this.problems.length;
    const visitedBefore = this.visitedLog.length;
    const contextsBefore = this.contexts;
    const limitHits = this.limitHits;
    const { value: booted, reads } = this.index.track(() => this.bootDetachedFresh(c));
    if (booted && this.limitHits === limitHits && !this.nextDetached.has(cacheKey)) {
      const ran = [...new Set(this.visitedLog.slice(visitedBefore))];
      this.nextDetached.set(cacheKey, {
        app: booted.app,
        events: ran.map((k) => [k, this.events.get(k)]),
        reads,
        routes: this.routes.slice(routesBefore),
        problems: this.problems.slice(problemsBefore),
        contexts: this.contexts - contextsBefore,
      });
    }
    return booted !== undefined;
  }

  /** An event only a Fastify instance makes: a registration, a hook, a decorator, `route({…})`, or a shorthand with a `/path`. */
  private isStrongEvent(ev: FEvent): boolean {
    if (ev.kind === 'register' || ev.kind === 'hook' || ev.kind === 'decorate') return true;
    if (ev.kind !== 'route') return false;
    const first = ev.call.expr.args[0];
    if (!ev.shorthand) return first?.k === 'obj';
    return first?.k === 'str' && (first.value === '' || first.value.startsWith('/'));
  }

  /** The default export of a file no other project file imports (fastify-cli's app.js). */
  private isEntryPlugin(file: string, fn: FnId): boolean {
    const binding = this.index.resolveExport(file, 'default');
    const value = binding ? this.index.valueOfBinding(binding) : undefined;
    const exported = value?.kind === 'function' ? value.fn === fn : value?.kind === 'expr' && this.pluginOf(value.file, value.fnScope, value.expr).kind === 'function' && (this.pluginOf(value.file, value.fnScope, value.expr) as { fn: FnId }).fn === fn;
    if (!exported) return false;
    // Brought up to date once per run (each call walks every file).
    const imported = (this.imports ??= this.importedFiles());
    return !imported.files.has(file);
  }

  /**
   * The project files some other (non-test) file imports, kept between runs with each file's
   * import targets. Not recorded as reads of every file (then any edit would look like a change to
   * the run, see `sameRun`): a run that asked records the table's version, which changes only when
   * some file's targets do. Module resolution depends on the file set too, and the memo holding
   * the table is cleared when that changes.
   */
  private importedFiles(): ImportTable {
    const table = this.index.slot<ImportTable>('fastify:imports', () => ({ byFile: new Map(), files: new Set(), version: 0 }));
    let changed = false;
    for (const [file, facts] of this.index.files) {
      const kept = table.byFile.get(file);
      if (kept && kept.facts === facts) continue;
      const targets: string[] = [];
      if (!isTestFile(file)) {
        for (const imp of facts.imports) {
          const target = imp.source.startsWith('.') ? this.index.resolveModule(file, imp.source) : undefined;
          if (target && target !== file) targets.push(target);
        }
      }
      if (!kept || kept.targets.length !== targets.length || kept.targets.some((t, i) => t !== targets[i])) changed = true;
      table.byFile.set(file, { facts, targets });
    }
    if (changed) {
      table.files = new Set();
      for (const { targets } of table.byFile.values()) for (const target of targets) table.files.add(target);
      table.version++;
    }
    return table;
  }
}

/** See `importedFiles`. */
interface ImportTable {
  byFile: Map<string, { facts: FileFacts; targets: string[] }>;
  files: Set<string>;
  version: number;
}

/**
 * The last run's result, kept between runs. Everything the boot depends on: the files' scans
 * (the instances' events, the roots, the decorators), whether the project uses Express, the config,
 * the files the boot itself read, and the import table (see `importedFiles`).
 */
interface RunEntry {
  config: ResolvedConfig;
  projectUsesExpress: boolean;
  scans: [string, FileScan][];
  imports: number | undefined;
  reads: [string, FileFacts | undefined][];
  result: FastifyDiscovery;
}

function isEmptyScan(scan: FileScan): boolean {
  return scan.events.length === 0 && scan.roots.length === 0 && scan.decorators.length === 0;
}

// ---------------------------------------------------------------- helpers

const usesCache = new WeakMap<FileFacts, { fastify: boolean; express: boolean }>();

/** Whether a file imports (or requires) Fastify, and imports Express: read once per facts object. */
function usesOf(facts: FileFacts): { fastify: boolean; express: boolean } {
  let uses = usesCache.get(facts);
  if (!uses) {
    uses = { fastify: facts.imports.some((i) => isFastifyModule(i.source)) || facts.calls.some((c) => isRequireOf(c.expr, 'fastify')), express: facts.imports.some((i) => i.source === 'express') };
    usesCache.set(facts, uses);
  }
  return uses;
}

function isFastifyModule(source: string): boolean {
  return source === 'fastify' || source === 'fastify-plugin' || source.startsWith('@fastify/') || /^fastify-/.test(source);
}

/** `require('fastify')` written inline (`require('fastify')({ logger: true })` records no import). */
function isRequireOf(call: Extract<Expr, { k: 'call' }>, module: string): boolean {
  return call.callee.k === 'id' && call.callee.name === 'require' && call.args[0]?.k === 'str' && call.args[0].value === module;
}

function isTestFile(file: string): boolean {
  return /(^|\/)(test|tests|__tests__|spec)\//.test(file) || /[._-](test|spec)\.[cm]?[jt]sx?$/.test(file);
}

function isFastifyPluginModule(module: string): boolean {
  return module === 'fastify-plugin';
}

/** Legacy package names (`fastify-cors`) → their scoped successors (`@fastify/cors`). */
function normalizeModule(module: string): string {
  if (module.startsWith('@fastify/')) return module;
  const m = /^fastify-(autoload|rate-limit|cors|bearer-auth|basic-auth|auth|jwt|helmet|multipart|formbody)$/.exec(module);
  return m ? `@fastify/${m[1]}` : module;
}

function toPhase(name: string): Phase {
  return (PHASES as readonly string[]).includes(name) ? (name as Phase) : 'onRequest';
}

/** `await app.register(x);` as a statement: the statement starts at `await`, before the call. */
function isAwaitedStatement(call: CallSite): boolean {
  return call.isStatement && call.statementStart < call.expr.span.start;
}

/** The same events, in the same order (events are shared between runs while their file's scan is). */
function sameEvents(a: readonly FEvent[] | undefined, b: readonly FEvent[] | undefined): boolean {
  const n = a?.length ?? 0;
  if (n !== (b?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) if (a![i] !== b![i]) return false;
  return true;
}

/** Whether an entry was made for this registration in a context that reads the same. */
function sameEmission(e: EmitEntry, context: number, limiter: number, spec: RouteSpec): boolean {
  if (e.context !== context || e.limiter !== limiter || e.file !== spec.file || e.registration.start !== spec.registration.start || e.registration.end !== spec.registration.end) return false;
  if (e.shorthand !== spec.shorthand || e.argsFile !== spec.argsFile || e.argsFn !== spec.argsFn) return false;
  if (e.args.length !== spec.args.length || e.args.some((a, i) => a !== spec.args[i])) return false;
  if (e.mounts.length !== spec.mounts.length) return false;
  return e.mounts.every((m, i) => {
    const n = spec.mounts[i]!;
    return m.file === n.file && m.span.start === n.span.start && m.span.end === n.span.end;
  });
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
