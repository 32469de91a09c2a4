/**
 * Express discovery: apps and routers, their registrations in source order, and mounts resolved
 * across files, turned into routes with full paths and ordered middleware chains.
 *
 * Order is Express's: a `use` applies only to what is registered after it, and a path-scoped `use`
 * only to paths under its prefix.
 */
import type { CallSite, Expr, FileFacts, FnId, Span } from '../../model/ir';
import type { AppFacts, HttpMethod, Location, Middleware, Problem, Route } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import { emptyHandlerFacts, readHandlerFacts } from '../handler-facts';
import { exprName, type ProjectIndex, unwrapAssign } from '../project-index';
import { describeMiddleware, middlewareOrigin } from '../roles';
import { joinPaths, pathIsUnder } from '../paths';

const METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  all: 'ALL',
};

/**
 * Bounds on the mount walk. Every mount of a router is walked again (its routes exist once per
 * mount path), so a router mounted twice at each of 20 levels would mean a million walks, and a
 * chain of 3,000 routers mounted into each other would overflow the stack. Real apps stay far
 * below these; a hostile or generated project is cut short with a 'limit' problem instead.
 */
const MAX_MOUNT_DEPTH = 32;
const MAX_ROUTER_WALKS = 5_000;
const MAX_ROUTES = 50_000;

interface RouterObj {
  id: string;
  file: string;
  kind: 'app' | 'router';
  name: string;
  /** The factory call. */
  span: Span;
  /** The function scope the factory call is in. */
  fn: FnId;
}

/**
 * What a router-valued expression refers to, as far as the file facts tell: the router created by a
 * factory call, or the router passed as a function's parameter. Resolving a reference reads the
 * run's routers and parameter bindings; computing it reads only facts, so it is memoized per file.
 */
type RouterRef = { k: 'factory'; id: string } | { k: 'param'; key: string };

/** Alternatives in order (the returns of a router factory): the first that resolves wins. */
type RouterRefs = readonly RouterRef[];

const NO_REFS: RouterRefs = [];

/** One registration call as its file tells it, before its router is resolved. */
interface ProtoRegistration {
  /** The router the call registers on. */
  refs: RouterRefs;
  /** For `use`: what each handler refers to when it is a router (a mount). */
  handlerRefs: RouterRefs[] | undefined;
  /** Where `registrationSpan` starts: the tie-break within one statement. */
  spanStart: number;
  file: string;
  fn: FnId;
  call: CallSite;
  kind: 'route' | 'use';
  method: HttpMethod | undefined;
  /** Undefined for a `use` without a path. */
  paths: string[] | undefined;
  pathNote: string | undefined;
  handlers: Expr[];
}

interface Registration extends ProtoRegistration {
  router: RouterObj;
  /** Position in the router's own file (see `orderOf`). */
  order: number;
  /** The file's position in the project and the call's among the file's registrations: the last tie-breaks. */
  fileIndex: number;
  seq: number;
}

/** One registration call's scan, with the files it read (see `findRegistrations`). */
interface CallScan {
  alternatives: ProtoRegistration[][];
  reads: [string, FileFacts | undefined][];
}

/** What Express discovery reads of one file, memoized per file (see `scanFile`). */
interface FileScan {
  routers: RouterObj[];
  /** Calls passing a router to a project function: `registerRoutes(app)`, in file order. */
  bindings: { refs: RouterRefs; key: string; calleeFile: string; file: string; order: number }[];
  /** Registration calls in file order, each as alternatives: the first whose router resolves is it. */
  registrations: ProtoRegistration[][];
}

/**
 * A router's walk (its routes, and those of the routers it mounts) kept between runs. It is reused
 * when the walk would be the same: same router, prefix, inherited middleware, mount sites and
 * stack; every file it read unchanged; every walked router the same (kind, name, position) with
 * the same registration list array (see `collectRegistrations`); and the run's parameter
 * bindings the same (checked for all entries at once, see `walkCache`).
 *
 * Entries are kept per router id and compared part by part (no key or signature string is built
 * for a walk that is reused): an app re-walked because one router it mounts changed checks its
 * other 1,000 mounts on every keystroke.
 */
interface WalkEntry {
  /** The key: router id (the map's), prefix, unmounted note and stack. */
  prefix: string;
  note: string | undefined;
  stack: readonly string[];
  /** The inherited middleware's signatures (`activeSignature`), in order. */
  inherited: string[];
  /** The mount sites (compared by file and span). */
  mounts: readonly Location[];
  reads: [string, FileFacts | undefined][];
  /** Each router walked, with its registration list and what the walk read of the router itself. */
  registrations: [string, Registration[] | undefined, string][];
  routes: Route[];
  problems: Problem[];
  walks: number;
  /** The walks made or reused inside it (kept along with it: see `keepWalk`). */
  nested: WalkEntry[];
}

/** Walk entries by router id (few per router: one per mount path and stack). */
type WalkEntries = Map<string, WalkEntry[]>;

/** What Express discovery keeps between runs (in the memo's slot; dropped with the memo). */
interface WalkCache {
  /** The parameter bindings everything below was computed with. */
  signature: string;
  config: ResolvedConfig | undefined;
  entries: WalkEntries;
  /** The last run's files (in order), their scans, and the routers each file's registrations went to. */
  files: string[];
  scans: FileScan[];
  contributions: Set<string>[];
  /** The last run's registration lists, sorted; a list is replaced (never changed) when a file registering on it changes. */
  lists: Map<string, Registration[]>;
}

interface ActiveMiddleware {
  middleware: Middleware;
  /** The mount-relative prefix it is scoped to (already joined with the router's prefix). */
  prefix: string | undefined;
  /** Set for middleware registered with a method (`router.all('*', requireAuth)`, `route.get(mw)`). */
  method?: HttpMethod;
}

export interface ExpressDiscovery {
  routes: Route[];
  apps: AppFacts[];
  problems: Problem[];
}

export function discoverExpress(index: ProjectIndex, config: ResolvedConfig): ExpressDiscovery {
  return new ExpressDiscoverer(index, config).run();
}

class ExpressDiscoverer {
  private readonly routers = new Map<string, RouterObj>();
  /** `${file}:${fn}:${paramIndex}` → the router passed in, and the call that passed it. */
  private readonly paramRouters = new Map<string, { router: RouterObj; file: string; order: number }>();
  /** Files with a function a router is passed to (most files have none: `orderOf` skips them). */
  private readonly paramFiles = new Set<string>();
  private registrations = new Map<string, Registration[]>();
  private readonly routes: Route[] = [];
  private readonly apps: AppFacts[] = [];
  private readonly problems: Problem[] = [];
  private readonly reached = new Set<string>();
  private walks = 0;
  private limitReported = false;
  private scans: FileScan[] = [];
  private files: string[] = [];
  private cache: WalkCache | undefined;
  /** Routers walked so far, in order (a cached walk lists those it walked). */
  private readonly walkedLog: string[] = [];
  /** Bumped when a walk may not be cached: it walked an app (app facts) or hit a limit. */
  private uncacheable = 0;
  private readonly activeSignatures = new WeakMap<ActiveMiddleware, string>();
  /** The walks this run made or reused: they replace the cache's at the end of the run. */
  private readonly nextWalks: WalkEntries = new Map();
  /** The cached walks made or reused so far, in order (an enclosing walk lists its nested ones). */
  private readonly walkLog: WalkEntry[] = [];

  constructor(
    private readonly index: ProjectIndex,
    private readonly config: ResolvedConfig,
  ) {}

  run(): ExpressDiscovery {
    this.scans = [];
    this.files = [];
    for (const file of this.index.files.keys()) {
      this.files.push(file);
      this.scans.push(this.index.memoizeFile('express', file, () => this.scanFile(file)));
    }
    for (const scan of this.scans) for (const router of scan.routers) this.routers.set(router.id, router);
    if (this.routers.size === 0) return { routes: [], apps: [], problems: [] };
    this.bindRouterParameters();
    this.cache = this.walkCache();
    this.collectRegistrations(this.cache);
    for (const router of this.routers.values()) {
      if (router.kind !== 'app') continue;
      const app: AppFacts = { framework: 'express', at: { file: router.file, span: router.span }, globalMiddleware: [], helmet: undefined, cors: [], bodyParsers: [] };
      this.apps.push(app);
      this.walk(router, '', [], [], [router.id], app);
    }
    // Routers no app mounts (or whose mount could not be resolved) still expose their routes.
    for (const router of this.routers.values()) {
      if (this.reached.has(router.id) || !(this.registrations.get(router.id)?.length)) continue;
      this.walk(router, '', [], [], [router.id], undefined, `router '${router.name}' is not mounted by any app found; its paths lack the mount prefix`);
    }
    // Walks no longer made (a router that moved or went away) are dropped.
    this.cache.entries = this.nextWalks;
    return { routes: this.routes, apps: this.apps, problems: this.problems };
  }

  // ---------------------------------------------------------------- objects

  /**
   * Everything Express discovery reads of one file that does not depend on other files' routers:
   * its apps and routers, the calls passing a router to a function, and its registration calls
   * with their routers as references. Memoized per file; the run resolves the references.
   */
  private scanFile(file: string): FileScan {
    const facts = this.index.get(file);
    const scan: FileScan = { routers: [], bindings: [], registrations: [] };
    if (!facts) return scan;
    this.findRouterObjects(facts, scan.routers);
    this.findRouterBindings(facts, scan.bindings);
    this.findRegistrations(facts, scan.registrations);
    return scan;
  }

  /** Every `express()` / `Router()` call is an app or router, named after the variable it initializes. */
  private findRouterObjects(facts: FileFacts, out: RouterObj[]): void {
    if (!mentionsExpress(facts.imports)) return;
    const names = new Map<number, string>();
    for (const decl of facts.decls) {
      if (decl.init && decl.name) names.set(chainBase(unwrapAssign(decl.init)).span.start, decl.name);
    }
    // Only calls rooted at a name imported from 'express' can create apps or routers.
    const expressNames = new Set(facts.imports.filter((i) => i.source === 'express').flatMap((i) => i.bindings.map((b) => b.local)));
    for (const call of facts.calls) {
      const root = rootName(call.expr.callee);
      if (root === undefined || !expressNames.has(root)) continue;
      const kind = this.factoryKind(facts.path, call.fn, call.expr);
      if (!kind) continue;
      const id = `${facts.path}@${call.expr.span.start}`;
      out.push({ id, file: facts.path, kind, name: names.get(call.expr.span.start) ?? kind, span: call.expr.span, fn: call.fn });
    }
  }

  /** `express()` → app; `express.Router()` / `Router()` / `new Router()` → router. */
  private factoryKind(file: string, fn: FnId, call: Extract<Expr, { k: 'call' }>): RouterObj['kind'] | undefined {
    const value = this.index.evaluate(file, call.callee, fn);
    if (value.kind !== 'external' || value.module !== 'express') return undefined;
    if (value.path.length === 0) return 'app';
    if (value.path.length === 1 && value.path[0] === 'Router') return 'router';
    return undefined;
  }

  /** The router `expr` refers to in this run (see `RouterRef`). */
  private resolveRouter(refs: RouterRefs): RouterObj | undefined {
    for (const ref of refs) {
      const router = ref.k === 'factory' ? this.routers.get(ref.id) : this.paramRouters.get(ref.key)?.router;
      if (router) return router;
    }
    return undefined;
  }

  /** What router `expr` can be, from the facts alone (resolved against the run by `resolveRouter`). */
  private routerRefs(file: string, fnScope: FnId, expr: Expr, depth = 0): RouterRefs {
    if (depth > 6) return NO_REFS;
    if (expr.k === 'id') {
      const binding = this.index.lookup(file, expr.name, fnScope);
      if (!binding) return NO_REFS;
      if (binding.kind === 'decl') {
        const init = binding.decl.init ? unwrapAssign(binding.decl.init) : undefined;
        return init && binding.path.length === 0 ? this.routerRefs(binding.file, binding.decl.fn, init, depth + 1) : NO_REFS;
      }
      if (binding.kind === 'param') return [{ k: 'param', key: `${binding.file}:${binding.fn}:${binding.index}` }];
      return NO_REFS;
    }
    if (expr.k === 'call') {
      if (this.factoryKind(file, fnScope, expr)) return [{ k: 'factory', id: `${file}@${expr.span.start}` }];
      // `Router().use(a).use(b)`: registration calls return their router.
      if (expr.callee.k === 'member' && (expr.callee.name === 'use' || METHODS[expr.callee.name])) return this.routerRefs(file, fnScope, expr.callee.object, depth + 1);
      // A function that builds and returns a router: `app.use('/api', buildApiRouter())`.
      const value = this.index.evaluate(file, expr.callee, fnScope);
      if (value.kind === 'function') return this.returnedRouterRefs(value.file, value.fn, depth + 1);
      return NO_REFS;
    }
    if (expr.k === 'member') {
      const value = this.index.evaluate(file, expr, fnScope);
      if (value.kind === 'expr' && value.expr !== expr) return this.routerRefs(value.file, value.fnScope, value.expr, depth + 1);
    }
    return NO_REFS;
  }

  /** The routers a function may return: each return's, in order (the first that resolves is it). */
  private returnedRouterRefs(file: string, fn: FnId, depth: number): RouterRefs {
    const facts = this.index.get(file);
    if (!facts) return NO_REFS;
    const fnFacts = facts.functions[fn];
    if (fnFacts?.exprBody) return this.routerRefs(file, fn, fnFacts.exprBody, depth);
    const out: RouterRef[] = [];
    for (const ret of facts.returns) {
      if (ret.fn !== fn || !ret.expr) continue;
      for (const ref of this.routerRefs(file, fn, ret.expr, depth)) out.push(ref);
    }
    return out.length > 0 ? out : NO_REFS;
  }

  /** `require('./routes')(app)` and `registerRoutes(app)`: calls passing a possible router to a project function. */
  private findRouterBindings(facts: FileFacts, out: FileScan['bindings']): void {
    for (const call of facts.calls) {
      const args = call.expr.args;
      if (args.length === 0 || !args.some((a) => a.k === 'id')) continue;
      // The callee first: it is rarely a project function (`res.json(item)`), and then no
      // argument needs resolving.
      const callee = this.index.evaluate(facts.path, call.expr.callee, call.fn);
      if (callee.kind !== 'function') continue;
      args.forEach((arg, i) => {
        if (arg.k !== 'id') return;
        const refs = this.routerRefs(facts.path, call.fn, arg);
        if (refs.length === 0) return;
        out.push({ refs, key: `${callee.file}:${callee.fn}:${i}`, calleeFile: callee.file, file: facts.path, order: call.statementStart });
      });
    }
  }

  /** The callee's parameter is the router passed in (the first call found binds it). */
  private bindRouterParameters(): void {
    for (let pass = 0; pass < 3; pass++) {
      let added = false;
      for (const scan of this.scans) {
        for (const binding of scan.bindings) {
          const router = this.resolveRouter(binding.refs);
          if (!router || this.paramRouters.has(binding.key)) continue;
          this.paramRouters.set(binding.key, { router, file: binding.file, order: binding.order });
          this.paramFiles.add(binding.calleeFile);
          added = true;
        }
      }
      if (!added) break;
    }
  }

  // ---------------------------------------------------------------- registrations

  /**
   * The file's registration calls. A hub file (the app mounting a router from each of 1,000 files)
   * is scanned again whenever one of those files changes: each call's result is kept with the
   * files it read, and while the file itself is unchanged a call whose reads are current is not
   * scanned again.
   */
  private findRegistrations(facts: FileFacts, out: ProtoRegistration[][]): void {
    const kept = this.index.slot('express:calls', () => new Map<string, { facts: FileFacts; calls: Map<CallSite, CallScan> }>());
    const previous = kept.get(facts.path);
    const reusable = previous?.facts === facts ? previous.calls : undefined;
    const calls = new Map<CallSite, CallScan>();
    for (const original of facts.calls) {
      const callee = original.expr.callee;
      if (callee.k !== 'member' || (callee.name !== 'use' && !METHODS[callee.name])) continue;
      let result = reusable?.get(original);
      if (result && this.index.readsCurrent(result.reads)) this.index.replayReads(result.reads);
      else {
        const { value, reads } = this.index.track(() => {
          const found: ProtoRegistration[][] = [];
          for (const call of this.expandLoops(facts.path, original)) {
            const alternatives = this.scanRegistration(facts.path, call);
            if (alternatives.length > 0) found.push(alternatives);
          }
          return found;
        });
        result = { alternatives: value, reads };
      }
      calls.set(original, result);
      for (const alternatives of result.alternatives) out.push(alternatives);
    }
    kept.set(facts.path, { facts, calls });
  }

  /**
   * Registrations per router, in Express's order. The lists are kept between runs: when the
   * parameter bindings are unchanged, a file whose scan is unchanged registers the same calls on
   * the same routers (its factory references point into files it read, see `walkCache`), so only
   * the routers a changed file registers on (before or after the change) get a new list; the
   * others keep theirs (the same array, which tells cached walks).
   */
  private collectRegistrations(cache: WalkCache): void {
    const files = this.files;
    const sameFiles = cache.files.length === files.length && files.every((f, i) => cache.files[i] === f);
    if (!sameFiles) {
      cache.lists = new Map();
      cache.contributions = [];
      for (let i = 0; i < files.length; i++) {
        const contributed = new Set<string>();
        for (const reg of this.resolveRegistrations(i)) {
          let list = cache.lists.get(reg.router.id);
          if (!list) cache.lists.set(reg.router.id, (list = []));
          list.push(reg);
          contributed.add(reg.router.id);
        }
        cache.contributions.push(contributed);
      }
      for (const list of cache.lists.values()) list.sort(byOrder);
    } else {
      const changed = new Set<number>();
      for (let i = 0; i < files.length; i++) if (cache.scans[i] !== this.scans[i]) changed.add(i);
      if (changed.size > 0) {
        const dirty = new Set<string>();
        const added = new Map<string, Registration[]>();
        for (const i of changed) {
          for (const id of cache.contributions[i]!) dirty.add(id);
          const contributed = new Set<string>();
          for (const reg of this.resolveRegistrations(i)) {
            let list = added.get(reg.router.id);
            if (!list) added.set(reg.router.id, (list = []));
            list.push(reg);
            contributed.add(reg.router.id);
            dirty.add(reg.router.id);
          }
          cache.contributions[i] = contributed;
        }
        for (const id of dirty) {
          const list = (cache.lists.get(id) ?? []).filter((r) => !changed.has(r.fileIndex));
          for (const reg of added.get(id) ?? []) list.push(reg);
          list.sort(byOrder);
          if (list.length > 0) cache.lists.set(id, list);
          else cache.lists.delete(id);
        }
      }
    }
    cache.files = files;
    cache.scans = this.scans;
    this.registrations = cache.lists;
  }

  /** The registrations of the `fileIndex`th file, each on the first router of its alternatives that resolves. */
  private resolveRegistrations(fileIndex: number): Registration[] {
    const out: Registration[] = [];
    for (const alternatives of this.scans[fileIndex]!.registrations) {
      for (const proto of alternatives) {
        const router = this.resolveRouter(proto.refs);
        if (!router) continue;
        // Written out, not spread: one object shape for every registration (a spread of 12,000
        // protos cost milliseconds a run).
        const p = proto;
        out.push({ refs: p.refs, handlerRefs: p.handlerRefs, spanStart: p.spanStart, file: p.file, fn: p.fn, call: p.call, kind: p.kind, method: p.method, paths: p.paths, pathNote: p.pathNote, handlers: p.handlers, router, order: this.orderOf(router, p.file, p.call), fileIndex, seq: out.length });
        break;
      }
    }
    return out;
  }

  /** A registration call as alternatives (a `route()` chain's router, else the callee's object). */
  private scanRegistration(file: string, call: CallSite): ProtoRegistration[] {
    const callee = call.expr.callee;
    if (callee.k !== 'member') return [];
    if (callee.name === 'use') {
      const refs = this.routerRefs(file, call.fn, callee.object);
      return refs.length > 0 ? [this.useRegistration(refs, file, call)] : [];
    }
    const method = METHODS[callee.name]!;
    const out: ProtoRegistration[] = [];
    const base = this.routeChainBase(file, call.fn, callee.object);
    if (base) out.push(this.proto({ refs: base.refs, file, fn: call.fn, call, kind: 'route', method, paths: base.paths, pathNote: base.note, handlers: this.flattenHandlers(file, call.fn, call.expr.args) }));
    // `app.get('env')` reads a setting; a route needs a path and a handler.
    if (call.expr.args.length < 2) return out;
    const refs = this.routerRefs(file, call.fn, callee.object);
    if (refs.length === 0) return out;
    const { paths, note } = this.pathsOf(file, call.fn, call.expr.args[0]!);
    out.push(this.proto({ refs, file, fn: call.fn, call, kind: 'route', method, paths, pathNote: note, handlers: this.flattenHandlers(file, call.fn, call.expr.args.slice(1)) }));
    return out;
  }

  private proto(reg: Omit<ProtoRegistration, 'handlerRefs' | 'spanStart'>): ProtoRegistration {
    const handlerRefs = reg.kind === 'use' ? reg.handlers.map((h) => this.routerRefs(reg.file, reg.fn, h)) : undefined;
    return { refs: reg.refs, handlerRefs, spanStart: registrationSpan(reg.call.expr).start, file: reg.file, fn: reg.fn, call: reg.call, kind: reg.kind, method: reg.method, paths: reg.paths, pathNote: reg.pathNote, handlers: reg.handlers };
  }

  /**
   * `routes.forEach((r) => router.use(r.path, r.route))` over a literal array: one registration per
   * element, with the callback parameter replaced by the element. Anything else is left as is.
   */
  private expandLoops(file: string, call: CallSite): CallSite[] {
    const facts = this.index.get(file);
    const fnFacts = facts?.functions[call.fn];
    if (!facts || !fnFacts || fnFacts.params.length === 0) return [call];
    const loop = loopCallOf(facts, call.fn);
    if (!loop || loop.expr.callee.k !== 'member') return [call];
    const list = this.index.evaluate(file, loop.expr.callee.object, loop.fn);
    if (list.kind !== 'expr' || list.expr.k !== 'arr' || list.file !== file) return [call];
    const param = fnFacts.params[0]!;
    const expanded: CallSite[] = [];
    for (const item of list.expr.items) {
      const bindings = new Map<string, Expr>();
      if (param.name) bindings.set(param.name, item);
      else if (item.k === 'obj') {
        for (const bound of param.names) {
          const prop = item.props.find((p) => p.key === bound.path[0]);
          if (prop) bindings.set(bound.name, prop.value);
        }
      }
      expanded.push({ ...call, expr: substitute(call.expr, bindings) as Extract<Expr, { k: 'call' }> });
    }
    return expanded.length > 0 ? expanded : [call];
  }

  /** Flattens arrays of middleware, including arrays held in variables (`const guards = [a, b]`). */
  private flattenHandlers(file: string, fn: FnId, args: readonly Expr[], depth = 0): Expr[] {
    const out: Expr[] = [];
    for (const arg of args) {
      const inner = arg.k === 'spread' ? arg.expr : arg;
      if (inner.k === 'arr') {
        out.push(...this.flattenHandlers(file, fn, inner.items, depth + 1));
        continue;
      }
      if (inner.k === 'id' && depth < 3) {
        const value = this.index.evaluate(file, inner, fn);
        if (value.kind === 'expr' && value.expr.k === 'arr' && value.file === file) {
          out.push(...this.flattenHandlers(value.file, value.fnScope, value.expr.items, depth + 1));
          continue;
        }
      }
      out.push(arg);
    }
    return out;
  }

  /** `app.route('/x').get(h).post(h2)`: the router and path at the bottom of the chain. */
  private routeChainBase(file: string, fn: FnId, object: Expr): { refs: RouterRefs; paths: string[]; note: string | undefined } | undefined {
    let cur: Expr = object;
    for (let i = 0; i < 16; i++) {
      if (cur.k !== 'call' || cur.callee.k !== 'member') return undefined;
      if (cur.callee.name === 'route' && cur.args[0]) {
        const refs = this.routerRefs(file, fn, cur.callee.object);
        if (refs.length === 0) return undefined;
        const { paths, note } = this.pathsOf(file, fn, cur.args[0]);
        return { refs, paths, note };
      }
      if (!METHODS[cur.callee.name]) return undefined;
      cur = cur.callee.object;
    }
    return undefined;
  }

  private useRegistration(refs: RouterRefs, file: string, call: CallSite): ProtoRegistration {
    const args = call.expr.args;
    const first = args[0];
    let paths: string[] | undefined;
    let note: string | undefined;
    let handlers = args;
    if (first && (first.k === 'str' || first.k === 'tpl' || first.k === 'regex' || (first.k === 'arr' && first.items.every((i) => i.k === 'str')) || (first.k === 'id' && this.constString(file, call.fn, first) !== undefined))) {
      ({ paths, note } = this.pathsOf(file, call.fn, first));
      handlers = args.slice(1);
    }
    return this.proto({ refs, file, fn: call.fn, call, kind: 'use', method: undefined, paths, pathNote: note, handlers: this.flattenHandlers(file, call.fn, handlers) });
  }

  /**
   * Where a registration sits in its router's timeline. Registrations in the router's own file
   * use their offset; those made inside a function the router was passed to use the offset of
   * that call; anything else comes after the router's own file.
   */
  private orderOf(router: RouterObj, file: string, call: CallSite): number {
    if (file === router.file) {
      const viaParam = this.paramCallFor(router, file, call.fn);
      return viaParam !== undefined && call.fn !== -1 && !this.declaredIn(router, file, call.fn) ? viaParam + call.statementStart / 1e9 : call.statementStart;
    }
    const viaParam = this.paramCallFor(router, file, call.fn);
    if (viaParam !== undefined) return viaParam + call.statementStart / 1e9;
    return 1e9 + call.statementStart;
  }

  private declaredIn(router: RouterObj, file: string, fn: FnId): boolean {
    return router.file === file && router.fn === fn;
  }

  private paramCallFor(router: RouterObj, file: string, fn: FnId): number | undefined {
    if (!this.paramFiles.has(file)) return undefined;
    const facts = this.index.get(file);
    for (let scope = fn; scope !== -1 && facts; scope = facts.functions[scope]?.parent ?? -1) {
      for (let i = 0; i < 4; i++) {
        const bound = this.paramRouters.get(`${file}:${scope}:${i}`);
        if (bound && bound.router.id === router.id && bound.file === router.file) return bound.order;
      }
    }
    return undefined;
  }

  private constString(file: string, fn: FnId, expr: Expr): string | undefined {
    if (expr.k === 'str') return expr.value;
    if (expr.k !== 'id') return undefined;
    const value = this.index.evaluate(file, expr, fn);
    return value.kind === 'expr' && value.expr.k === 'str' ? value.expr.value : undefined;
  }

  private pathsOf(file: string, fn: FnId, expr: Expr): { paths: string[]; note: string | undefined } {
    const constant = this.constString(file, fn, expr);
    if (constant !== undefined) return { paths: [constant], note: undefined };
    if (expr.k === 'arr') {
      const items = expr.items.map((i) => this.constString(file, fn, i));
      if (items.every((i): i is string => i !== undefined)) return { paths: items, note: undefined };
    }
    if (expr.k === 'tpl') {
      // `${API}/users`: constant parts resolved where they can be, the rest shown as a parameter.
      const parts: string[] = [expr.quasis[0] ?? ''];
      let resolved = true;
      expr.exprs.forEach((e, i) => {
        const value = this.constString(file, fn, e);
        if (value === undefined) resolved = false;
        parts.push(value ?? `:${exprName(e).replace(/\W+/g, '_')}`, expr.quasis[i + 1] ?? '');
      });
      return { paths: [parts.join('')], note: resolved ? undefined : 'the path is built at run time' };
    }
    if (expr.k === 'regex') return { paths: [`/${expr.pattern}/`], note: 'the path is a regular expression' };
    return { paths: ['/*'], note: 'the path could not be resolved statically' };
  }

  // ---------------------------------------------------------------- routes

  /** The run's parameter bindings, as one string: everything kept with others is dropped. */
  private walkCache(): WalkCache {
    // Only the parameter bindings: a factory reference is made by reading the file of the factory
    // call, so a scan holding one is made again whenever that file changes (a router whose id
    // moved, or that went away, is only ever referred to by new scans). Parameter references
    // resolve through the project-wide fixpoint instead.
    const parts: string[] = [];
    for (const [key, bound] of this.paramRouters) parts.push(`${key}>${bound.router.id}|${bound.file}|${bound.order}`);
    const signature = parts.join('\n');
    const cache = this.index.slot<WalkCache>('express', () => ({ signature: '', config: undefined, entries: new Map(), files: [], scans: [], contributions: [], lists: new Map() }));
    if (cache.signature !== signature || cache.config !== this.config) {
      cache.entries.clear();
      cache.signature = signature;
      cache.config = this.config;
      // Registrations resolve against the routers and bindings: rebuild them all.
      cache.files = [];
      cache.scans = [];
    }
    return cache;
  }

  private activeSignature(active: ActiveMiddleware): string {
    let signature = this.activeSignatures.get(active);
    if (signature === undefined) this.activeSignatures.set(active, (signature = JSON.stringify([active.middleware, active.prefix ?? null, active.method ?? null])));
    return signature;
  }

  /** A router's walk, reused from an earlier run when nothing it depends on changed (see `WalkEntry`). */
  private walk(router: RouterObj, prefix: string, inherited: ActiveMiddleware[], mounts: Location[], stack: string[], app: AppFacts | undefined, unmountedNote?: string): void {
    const cache = this.cache;
    if (!cache || router.kind === 'app') return this.walkRouter(router, prefix, inherited, mounts, stack, app, unmountedNote);
    // The same walk twice in one run (a router mounted twice alike) gets its own route objects.
    const made = findWalk(this.nextWalks.get(router.id), prefix, unmountedNote, stack);
    if (made) {
      this.walkLog.push(made);
      return this.walkRouter(router, prefix, inherited, mounts, stack, app, unmountedNote);
    }
    const entry = findWalk(cache.entries.get(router.id), prefix, unmountedNote, stack);
    if (entry && this.sameInherited(entry.inherited, inherited) && sameMounts(entry.mounts, mounts) && this.canReplay(entry)) {
      this.keepWalk(router.id, entry);
      this.index.replayReads(entry.reads);
      pushAll(this.routes, entry.routes);
      pushAll(this.problems, entry.problems);
      for (const [id] of entry.registrations) {
        this.reached.add(id);
        this.walkedLog.push(id);
      }
      this.walks += entry.walks;
      return;
    }
    const routesBefore = this.routes.length;
    const problemsBefore = this.problems.length;
    const walkedBefore = this.walkedLog.length;
    const logBefore = this.walkLog.length;
    const walksBefore = this.walks;
    const uncacheable = this.uncacheable;
    // `inherited` is the caller's list, which grows after this call: what was passed is copied.
    const inheritedSignatures = inherited.map((a) => this.activeSignature(a));
    const { reads } = this.index.track(() => this.walkRouter(router, prefix, inherited, mounts, stack, app, unmountedNote));
    if (this.uncacheable !== uncacheable) return;
    const made2 = findWalk(this.nextWalks.get(router.id), prefix, unmountedNote, stack);
    if (made2) {
      this.walkLog.push(made2);
      return;
    }
    const walked = [...new Set(this.walkedLog.slice(walkedBefore))];
    const created: WalkEntry = {
      prefix,
      note: unmountedNote,
      stack,
      inherited: inheritedSignatures,
      mounts,
      reads,
      registrations: walked.map((id) => [id, this.registrations.get(id), routerSignature(this.routers.get(id))]),
      routes: this.routes.slice(routesBefore),
      problems: this.problems.slice(problemsBefore),
      walks: this.walks - walksBefore,
      nested: [...new Set(this.walkLog.slice(logBefore))],
    };
    addWalk(this.nextWalks, router.id, created);
    this.walkLog.push(created);
  }

  private sameInherited(signatures: readonly string[], inherited: readonly ActiveMiddleware[]): boolean {
    if (signatures.length !== inherited.length) return false;
    for (let i = 0; i < signatures.length; i++) if (signatures[i] !== this.activeSignature(inherited[i]!)) return false;
    return true;
  }

  /** Keeps a reused walk for the next run, with the walks nested in it (not made again this run). */
  private keepWalk(routerId: string, entry: WalkEntry): void {
    addWalk(this.nextWalks, routerId, entry);
    this.walkLog.push(entry);
    for (const nested of entry.nested) {
      this.walkLog.push(nested);
      const id = nested.stack[nested.stack.length - 1]!;
      if (!findWalk(this.nextWalks.get(id), nested.prefix, nested.note, nested.stack)) addWalk(this.nextWalks, id, nested);
    }
  }

  /**
   * Whether a cached walk can stand for a new one: its routers' registrations and the files it read
   * are unchanged, and the run is far enough from the limits that the walk cannot have hit one.
   */
  private canReplay(entry: WalkEntry): boolean {
    if (this.walks + entry.walks > MAX_ROUTER_WALKS || this.routes.length + entry.routes.length >= MAX_ROUTES) return false;
    for (const [id, list, router] of entry.registrations) if (this.registrations.get(id) !== list || routerSignature(this.routers.get(id)) !== router) return false;
    return this.index.readsCurrent(entry.reads);
  }

  private walkRouter(router: RouterObj, prefix: string, inherited: ActiveMiddleware[], mounts: Location[], stack: string[], app: AppFacts | undefined, unmountedNote?: string): void {
    this.reached.add(router.id);
    this.walkedLog.push(router.id);
    if (router.kind === 'app') this.uncacheable++;
    if (stack.length > MAX_MOUNT_DEPTH || ++this.walks > MAX_ROUTER_WALKS || this.routes.length >= MAX_ROUTES) {
      this.uncacheable++;
      return this.reportLimit(router);
    }
    const active = [...inherited];
    for (const reg of this.registrations.get(router.id) ?? []) {
      const at: Location = { file: reg.file, span: reg.call.expr.span };
      if (reg.kind === 'use') {
        const usePrefixes = (reg.paths ?? [undefined]).map((p) => (p === undefined ? undefined : joinPaths(prefix, p)));
        for (let h = 0; h < reg.handlers.length; h++) {
          const handler = reg.handlers[h]!;
          const sub = this.resolveRouter(reg.handlerRefs![h]!);
          if (sub) {
            if (stack.includes(sub.id)) {
              this.problems.push({ file: reg.file, span: reg.call.expr.span, kind: 'circular-mount', message: `router '${sub.name}' is mounted inside itself; the cycle was not followed` });
              continue;
            }
            // Middleware earlier in this same `use` call is already in `active`, scoped to its prefix.
            for (const usePrefix of usePrefixes) this.walk(sub, usePrefix ?? prefix, active, [...mounts, at], [...stack, sub.id], app, unmountedNote);
            continue;
          }
          if (isErrorHandler(this.index, reg.file, reg.fn, handler)) continue;
          this.noteUnresolvedRouter(reg, handler);
          const scope: Middleware['scope'] = usePrefixes[0] === undefined && router.kind === 'app' ? 'global' : 'mount';
          const middleware = describeMiddleware({ index: this.index, config: this.config, file: reg.file, fnScope: reg.fn, expr: handler, at: { file: reg.file, span: exprSpan(handler) }, scope });
          for (const usePrefix of usePrefixes) active.push({ middleware, prefix: usePrefix });
          if (app && router.kind === 'app' && usePrefixes[0] === undefined) this.recordAppFact(app, reg, handler, middleware);
        }
        continue;
      }
      // `router.all('*', requireAuth)` or `route.all(requireAuth).get(h)`: every handler calls
      // `next()`, so this registration is middleware for what follows on that path, not an endpoint.
      if (this.passesThrough(reg)) {
        for (const handler of reg.handlers) {
          const middleware = describeMiddleware({ index: this.index, config: this.config, file: reg.file, fnScope: reg.fn, expr: handler, at: { file: reg.file, span: handler.span }, scope: 'route' });
          for (const path of reg.paths ?? ['/']) active.push({ middleware, prefix: joinPaths(prefix, path), method: reg.method === 'ALL' ? undefined : reg.method });
        }
        continue;
      }
      for (const path of reg.paths ?? ['/']) {
        const fullPath = joinPaths(prefix, path);
        this.emitRoute(reg, fullPath, active, mounts, unmountedNote);
      }
    }
  }

  private reportLimit(router: RouterObj): void {
    if (this.limitReported) return;
    this.limitReported = true;
    this.problems.push({
      file: router.file,
      span: router.span,
      kind: 'limit',
      message: `Express discovery stopped following mounts after ${MAX_ROUTER_WALKS} router walks, ${MAX_MOUNT_DEPTH} nested mounts or ${MAX_ROUTES} routes; some routes are missing`,
    });
  }

  /** True when the last handler is a project function that calls `next()`: it is middleware, not an endpoint. */
  private passesThrough(reg: Registration): boolean {
    const last = reg.handlers[reg.handlers.length - 1];
    if (!last) return false;
    const target = this.resolveHandler(reg.file, reg.fn, last);
    const effect = target ? this.index.fnFacts(target.file, target.fn)?.effect : undefined;
    return Boolean(effect?.callsNext);
  }

  private noteUnresolvedRouter(reg: Registration, handler: Expr): void {
    if (handler.k !== 'id' || !/router|routes|api$/i.test(handler.name)) return;
    const value = this.index.evaluate(reg.file, handler, reg.fn);
    if (value.kind === 'unknown') {
      this.problems.push({ file: reg.file, span: handler.span, kind: 'unresolved-router', message: `'${handler.name}' looks like a router but could not be resolved (${value.reason}); its routes lack this mount's prefix and middleware` });
    }
  }

  private recordAppFact(app: AppFacts, reg: Registration, handler: Expr, middleware: Middleware): void {
    app.globalMiddleware.push(middleware);
    const origin = middlewareOrigin(this.index, reg.file, reg.fn, handler);
    const loc = { file: reg.file, span: exprSpan(handler) };
    if (origin?.module === 'helmet' || /helmet/i.test(middleware.name)) app.helmet ??= loc;
    if (middleware.roles.includes('cors')) app.cors.push(loc);
    if (middleware.roles.includes('body-limit')) app.bodyParsers.push(loc);
  }

  private emitRoute(reg: Registration, fullPath: string, active: ActiveMiddleware[], mounts: Location[], unmountedNote: string | undefined): void {
    const chain: Middleware[] = active
      .filter((a) => (a.prefix === undefined || pathIsUnder(fullPath, a.prefix)) && (a.method === undefined || a.method === reg.method))
      .map((a) => a.middleware);
    const handlers = reg.handlers;
    const handlerExpr = handlers[handlers.length - 1];
    for (const mw of handlers.slice(0, -1)) {
      chain.push(describeMiddleware({ index: this.index, config: this.config, file: reg.file, fnScope: reg.fn, expr: mw, at: { file: reg.file, span: exprSpan(mw) }, scope: 'route' }));
    }
    const handler = handlerExpr ? this.resolveHandler(reg.file, reg.fn, handlerExpr) : undefined;
    const notes: string[] = [];
    if (reg.pathNote) notes.push(reg.pathNote);
    if (unmountedNote) notes.push(unmountedNote);
    if (!handler) notes.push('the handler could not be resolved');
    const method = reg.method ?? 'ALL';
    this.routes.push({
      key: `${method} ${fullPath}`,
      framework: 'express',
      method,
      path: fullPath,
      registration: { file: reg.file, span: registrationSpan(reg.call.expr) },
      handler: handler ? { file: handler.file, span: this.index.fnFacts(handler.file, handler.fn)?.span ?? exprSpan(handlerExpr!) } : undefined,
      handlerFn: handler,
      chain,
      chainInsertion: handlers[0] ? { file: reg.file, span: { start: handlers[0].span.start, end: handlers[0].span.start } } : undefined,
      handlerFacts: handler ? readHandlerFacts(this.index, handler.file, handler.fn) : emptyHandlerFacts(),
      mounts,
      certainty: notes.length > 0 ? 'partial' : 'resolved',
      notes,
    });
  }

  /** The handler function: inline, a named function (any file), or the function inside a wrapper call. */
  private resolveHandler(file: string, fnScope: FnId, expr: Expr, depth = 0): { file: string; fn: FnId } | undefined {
    if (depth > 4) return undefined;
    if (expr.k === 'call') {
      // `asyncHandler(async (req, res) => …)`, `catchAsync(controller.create)`.
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
}

/** Appends `items` (a cached walk's routes: one call, not a push per route). */
function pushAll<T>(out: T[], items: readonly T[]): void {
  if (items.length === 0) return;
  if (items.length <= 4096) out.push(...items);
  else for (const item of items) out.push(item);
}

/** The walk of `entries` (one router's) with this key, if any. */
function findWalk(entries: readonly WalkEntry[] | undefined, prefix: string, note: string | undefined, stack: readonly string[]): WalkEntry | undefined {
  if (!entries) return undefined;
  for (const entry of entries) {
    if (entry.prefix !== prefix || entry.note !== note || entry.stack.length !== stack.length) continue;
    let same = true;
    for (let i = stack.length - 1; i >= 0 && same; i--) same = entry.stack[i] === stack[i];
    if (same) return entry;
  }
  return undefined;
}

function addWalk(entries: WalkEntries, routerId: string, entry: WalkEntry): void {
  const list = entries.get(routerId);
  if (list) list.push(entry);
  else entries.set(routerId, [entry]);
}

function sameMounts(a: readonly Location[], b: readonly Location[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // While the mounting file is unchanged the span is the same object (no read of its fields).
    if (x !== y && (x.file !== y.file || (x.span !== y.span && (x.span.start !== y.span.start || x.span.end !== y.span.end)))) return false;
  }
  return true;
}

const routerSignatures = new WeakMap<RouterObj, string>();

/**
 * What a walk reads of a router object (its id says where its factory call is). Router objects
 * come from memoized scans, so the string is made once per object, not once per walk checked.
 */
function routerSignature(router: RouterObj | undefined): string {
  if (!router) return '-';
  let signature = routerSignatures.get(router);
  if (signature === undefined) routerSignatures.set(router, (signature = `${router.kind}|${router.name}|${router.fn}|${router.span.end}`));
  return signature;
}

/**
 * Express's order within a router: by `orderOf`, then (a `route()` chain) by method name position;
 * equal ones stay in file and call order, as a stable sort of the registrations in that order would.
 */
function byOrder(a: Registration, b: Registration): number {
  return a.order - b.order || a.spanStart - b.spanStart || a.fileIndex - b.fileIndex || a.seq - b.seq;
}

const loopCalls = new WeakMap<FileFacts, Map<FnId, CallSite>>();

/**
 * The `list.forEach(fn)` / `list.map(fn)` call that runs callback `fn` (the first, in file order).
 * Indexed once per file: looking it up for every call made in a function was quadratic.
 */
function loopCallOf(facts: FileFacts, fn: FnId): CallSite | undefined {
  let byCallback = loopCalls.get(facts);
  if (!byCallback) {
    byCallback = new Map();
    for (const c of facts.calls) {
      const first = c.expr.args[0];
      if (c.expr.callee.k === 'member' && first?.k === 'fn' && /^(forEach|map)$/.test(c.expr.callee.name) && !byCallback.has(first.fn)) byCallback.set(first.fn, c);
    }
    loopCalls.set(facts, byCallback);
  }
  return byCallback.get(fn);
}

function mentionsExpress(imports: readonly { source: string }[]): boolean {
  return imports.some((i) => i.source === 'express');
}

/**
 * Where a registration is reported: the whole call, except in a chain (`Router().get(…).post(…)`,
 * `app.route('/x').get(…)`) where it starts at the method name, on the line a reader looks at.
 */
function registrationSpan(call: Extract<Expr, { k: 'call' }>): Span {
  const callee = call.callee;
  if (callee.k === 'member' && callee.object.k === 'call') return { start: callee.span.end - callee.name.length, end: call.span.end };
  return call.span;
}

function rootName(expr: Expr): string | undefined {
  let cur = expr;
  for (let i = 0; i < 8 && cur.k === 'member'; i++) cur = cur.object;
  return cur.k === 'id' ? cur.name : undefined;
}

/** The call at the bottom of a method chain: `Router().use(a).use(b)` → `Router()`. */
function chainBase(expr: Expr): Expr {
  let cur = expr;
  for (let i = 0; i < 32 && cur.k === 'call' && cur.callee.k === 'member' && cur.callee.object.k === 'call'; i++) cur = cur.callee.object;
  return cur;
}

/** Replaces identifiers and `param.member` reads by the bound expressions (loop expansion). */
function substitute(expr: Expr, bindings: ReadonlyMap<string, Expr>, depth = 0): Expr {
  if (depth > 12) return expr;
  const d = depth + 1;
  switch (expr.k) {
    case 'id':
      return bindings.get(expr.name) ?? expr;
    case 'member': {
      if (expr.object.k === 'id' && bindings.has(expr.object.name)) {
        const bound = bindings.get(expr.object.name)!;
        const prop = bound.k === 'obj' ? bound.props.find((p) => p.key === expr.name && !p.spread) : undefined;
        if (prop) return prop.value;
      }
      return { ...expr, object: substitute(expr.object, bindings, d) };
    }
    case 'call':
      return { ...expr, callee: substitute(expr.callee, bindings, d), args: expr.args.map((a) => substitute(a, bindings, d)) };
    case 'arr':
      return { ...expr, items: expr.items.map((i) => substitute(i, bindings, d)) };
    case 'spread':
      return { ...expr, expr: substitute(expr.expr, bindings, d) };
    default:
      return expr;
  }
}

function exprSpan(expr: Expr): Span {
  return expr.span;
}

/** `(err, req, res, next) => …`: Express error handlers do not run on the normal request path. */
function isErrorHandler(index: ProjectIndex, file: string, fn: FnId, expr: Expr): boolean {
  const value = index.evaluate(file, expr, fn);
  if (value.kind !== 'function') return false;
  return (index.fnFacts(value.file, value.fn)?.params.length ?? 0) === 4;
}
