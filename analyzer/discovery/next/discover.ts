/**
 * Next.js discovery. In Next the route is the file:
 *
 * - App Router: `app/**\/route.(ts|js)` (also under `src/app`) exporting GET/POST/PUT/PATCH/
 *   DELETE/HEAD/OPTIONS as functions, consts, wrapped handlers or re-exports; the path comes from
 *   the folders (see paths.ts).
 * - Pages Router: `pages/api/**` default exports; method branching inside the handler becomes one
 *   route per method; next-connect routers become one route per registration.
 * - Server actions (server-actions.ts): POST endpoints named `action:<file>/<name>`.
 * - `middleware.ts` / `proxy.ts` (middleware.ts): for each route, whether it runs there and
 *   whether it denies anonymous requests, recorded as a chain entry and `middlewareCoverage`.
 *
 * A Next app is found by its `next.config.*`, or, without one, by sources that import `next`. A
 * monorepo may hold several (`apps/web`, `apps/admin`); each gets its own `basePath` and middleware.
 */
import path from 'node:path';
import type { Expr, FileFacts, Span } from '../../model/ir';
import type { AppFacts, HandlerFacts, HttpMethod, Location, Middleware, Problem, Route } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import { emptyHandlerFacts } from '../handler-facts';
import type { ProjectIndex } from '../project-index';
import { CONFIG_FILE, readNextConfig, type NextConfigFacts } from './config';
import { helperReaderFor, type HelperReader, readNextHandlerFacts, unwrapHandler, writeEvidence, type FnRef, type Unwrapped } from './handlers';
import { readMethodBranches } from './method-branches';
import { coverageFor, MIDDLEWARE_FILE, readMiddleware, rolesFor, type NextMiddleware } from './middleware';
import { readNextConnect } from './next-connect';
import { classifyRouteFile, samplePaths, withBasePath, type RouteFile } from './paths';
import { readServerActions } from './server-actions';

export interface NextDiscovery {
  routes: Route[];
  apps: AppFacts[];
  problems: Problem[];
}

const APP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const NEXT_IMPORT = /^(next|next\/.+|next-auth(\/.*)?|@auth\/nextjs|@clerk\/nextjs(\/.*)?|@auth0\/nextjs-auth0(\/.*)?|next-connect|next-safe-action|@supabase\/ssr|@supabase\/auth-helpers-nextjs)$/;

interface NextApp {
  root: string;
  config: NextConfigFacts | undefined;
  middleware: NextMiddleware | undefined;
  app: AppFacts;
  /** The files reading the config and middleware read (middleware.ts, the auth config it imports…). */
  reads: readonly [string, FileFacts | undefined][];
}

export function discoverNext(index: ProjectIndex, config: ResolvedConfig): NextDiscovery {
  const roots = new Set<string>();
  for (const file of index.files.keys()) if (CONFIG_FILE.test(file)) roots.add(dirOf(file));
  return new NextDiscoverer(roots.size > 0 ? withAppAliases(index, [...roots]) : index, config).run();
}

interface NextPlan {
  files: string[];
  roots: string;
  importers: string;
  entries: { file: string; routeFile: RouteFile | undefined; root: string | undefined }[];
}

const nextImports = new WeakMap<FileFacts, boolean>();

/** Whether a file imports Next.js or a Next auth library: read once per facts object. */
function importsNext(facts: FileFacts): boolean {
  let found = nextImports.get(facts);
  if (found === undefined) nextImports.set(facts, (found = facts.imports.some((i) => NEXT_IMPORT.test(i.source))));
  return found;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * Next apps inside a monorepo (`apps/web`) import their own files as `@/lib/auth` or `~/lib/auth`
 * through their own tsconfig, which project loading does not read (it reads the root one). When
 * the index cannot resolve such a specifier, try it against the app's root and its `src/`. The
 * view shares everything else with the index, but keeps its own scope and module caches so that
 * earlier (unresolved) lookups made by other discoverers do not stick.
 */
function withAppAliases(index: ProjectIndex, roots: readonly string[]): ProjectIndex {
  const view = Object.create(index) as ProjectIndex;
  // Own scope and module caches, so nothing resolved through the extra aliases leaks into the
  // real index, and nothing the real index cached (unresolved) hides them.
  for (const cache of ['scopeTables', 'moduleCache']) Object.defineProperty(view, cache, { value: new Map() });
  // Nor does anything it resolves join the answers the index keeps between runs.
  for (const kept of ['keptScopes', 'keptExports']) Object.defineProperty(view, kept, { value: undefined });
  // The memo is shared: Next's entries have their own keys, and the session clears the memo when
  // the file set (and so module resolution) changes.
  const sorted = [...roots].sort((a, b) => b.length - a.length);
  view.resolveModule = (fromFile: string, source: string): string | undefined => {
    const found = index.resolveModule(fromFile, source);
    if (found !== undefined || !/^[@~]\//.test(source)) return found;
    const root = sorted.find((r) => r === '' || fromFile.startsWith(`${r}/`));
    if (root === undefined) return undefined;
    const rest = source.slice(2);
    for (const base of [root ? `${root}/${rest}` : rest, root ? `${root}/src/${rest}` : `src/${rest}`]) {
      const stripped = base.replace(/\.(c|m)?js$/, '');
      for (const candidate of [base, ...SOURCE_EXTENSIONS.map((e) => stripped + e), ...SOURCE_EXTENSIONS.map((e) => `${base}/index${e}`)]) {
        if (index.files.has(candidate)) return candidate;
      }
    }
    return undefined;
  };
  return view;
}

class NextDiscoverer {
  private readonly routes: Route[] = [];
  private readonly problems: Problem[] = [];
  private readonly apps = new Map<string, NextApp>();
  private readonly helpers: HelperReader;
  private readonly configRoots = new Set<string>();
  private readonly nextImporters: string[] = [];

  constructor(
    private readonly index: ProjectIndex,
    private readonly config: ResolvedConfig,
  ) {
    this.helpers = helperReaderFor(index);
  }

  run(): NextDiscovery {
    for (const [file, facts] of this.index.files) {
      if (CONFIG_FILE.test(file)) this.configRoots.add(dirOf(file));
      if (importsNext(facts)) this.nextImporters.push(file);
    }
    if (this.configRoots.size === 0 && this.nextImporters.length === 0) return { routes: [], apps: [], problems: [] };
    const isRoot = (root: string) => this.configRoots.has(root) || this.nextImporters.some((f) => root === '' || f.startsWith(`${root}/`));
    for (const { file, routeFile, root } of this.plan(isRoot)) {
      const actions = root !== undefined && hasServerActions(this.index.files.get(file));
      if (!routeFile && !actions) continue;
      const apps = [routeFile ? this.appFor(routeFile.root) : undefined, actions ? this.appFor(root!) : undefined];
      // The work on one file is memoized (the language server re-runs discovery on every edit):
      // it is reused while every file it read is unchanged, the app's config and middleware
      // files included (read here so they count as dependencies).
      const found = this.index.memoize(`next:${file}:${routeFile?.root ?? '-'}:${actions ? root : '-'}`, () => {
        for (const app of apps) if (app) this.index.replayReads(app.reads);
        const r0 = this.routes.length;
        const p0 = this.problems.length;
        try {
          if (routeFile) this.discoverRouteFile(file, routeFile);
          if (actions) this.discoverActions(file, root!);
        } catch (error) {
          // Discovery never throws: one unreadable file costs its own routes only.
          this.problems.push({ file, span: undefined, kind: 'discovery-error', message: `Next.js discovery failed on this file (${String((error as Error)?.message ?? error)})` });
        }
        return { routes: this.routes.splice(r0), problems: this.problems.splice(p0) };
      });
      // The kept route objects themselves: nothing changes a route after discovery (a duplicate
      // key's `#2` goes on a copy), and the rule engine skips a route handed out again unchanged.
      for (const route of found.routes) this.routes.push(route);
      for (const problem of found.problems) this.problems.push(problem);
    }
    return { routes: this.routes, apps: [...this.apps.values()].map((a) => a.app), problems: this.problems };
  }

  /**
   * Every file in path order, with its route (if it is one) and its app's root. It depends on the
   * file paths and the app roots only: kept between runs (in the memo's slot) while both are the same.
   */
  private plan(isRoot: (root: string) => boolean): NextPlan['entries'] {
    const files = [...this.index.files.keys()];
    const roots = [...this.configRoots].join('\n');
    const importers = this.nextImporters.join('\n');
    const kept = this.index.slot<{ plan?: NextPlan }>('next:plan', () => ({}));
    const plan = kept.plan;
    if (plan && plan.roots === roots && plan.importers === importers && plan.files.length === files.length && plan.files.every((f, i) => f === files[i])) return plan.entries;
    const entries = [...files].sort().map((file) => ({ file, routeFile: classifyRouteFile(file, isRoot), root: this.rootOf(file, isRoot) }));
    kept.plan = { files, roots, importers, entries };
    return entries;
  }

  /** The Next app a file belongs to: the deepest root that contains it. */
  private rootOf(file: string, isRoot: (root: string) => boolean): string | undefined {
    const dirs = file.split('/').slice(0, -1);
    for (let i = dirs.length; i >= 0; i--) {
      const root = dirs.slice(0, i).join('/');
      if (this.configRoots.has(root)) return root;
    }
    return isRoot('') ? '' : undefined;
  }

  private appFor(root: string): NextApp {
    let app = this.apps.get(root);
    if (app) return app;
    const prefix = root ? `${root}/` : '';
    const configFile = [...this.index.files.keys()].find((f) => f.startsWith(prefix) && CONFIG_FILE.test(f) && dirOf(f) === root);
    const middlewareFile = [...this.index.files.keys()].filter((f) => f.startsWith(prefix) && MIDDLEWARE_FILE.test(f.slice(prefix.length))).sort((a, b) => rank(a) - rank(b))[0];
    // Every route of the app depends on what reading its config and middleware read (the
    // middleware's auth config may live in another file): the memoized work per file replays these reads.
    const {
      value: { nextConfig, middleware, configExport },
      reads,
    } = this.index.track(() => ({
      nextConfig: configFile ? readNextConfig(this.index, configFile) : undefined,
      middleware: middlewareFile ? readMiddleware(this.index, middlewareFile, root) : undefined,
      // The app is where its config is exported (`module.exports = {…}`, `export default config`).
      configExport: configFile ? this.index.get(configFile)?.exports.find((e) => e.name === 'default' || e.name === '=') : undefined,
    }));
    const at: Location = configFile ? { file: configFile, span: configExport?.span ?? { start: 0, end: 0 } } : middleware ? middleware.at : { file: prefix || '.', span: { start: 0, end: 0 } };
    const globalMiddleware: Middleware[] = middleware && middleware.matcher.kind === 'all' ? [this.middlewareEntry(middleware, ['unknown'], middleware.at)] : [];
    app = {
      root,
      config: nextConfig,
      middleware,
      app: { framework: 'next', at, globalMiddleware, helmet: undefined, cors: [...(nextConfig?.cors ?? []), ...(middleware?.cors ?? [])], bodyParsers: [] },
      reads,
    };
    if (nextConfig?.basePathNote) this.problems.push({ file: nextConfig.file, span: undefined, kind: 'next-config', message: nextConfig.basePathNote });
    this.apps.set(root, app);
    return app;
  }

  private middlewareEntry(mw: NextMiddleware, roles: Middleware['roles'], at: Location): Middleware {
    const s = mw.strategy;
    const library = s.kind === 'authjs' || s.kind === 'next-auth-v4' || s.kind === 'clerk-v4' || (s.kind === 'scan' && s.library !== undefined);
    return { name: mw.label, roles, roleSource: roles.includes('unknown') ? undefined : library ? 'library' : 'behaviour', args: [], at, definition: mw.definition, scope: 'global', hook: 'next-middleware' };
  }

  // ---------------------------------------------------------------- App Router and Pages API

  private discoverRouteFile(file: string, routeFile: RouteFile): void {
    const app = this.appFor(routeFile.root);
    const facts = this.index.get(file)!;
    const localPath = routeFile.path;
    const fullPath = withBasePath(app.config?.basePath ?? '', localPath);
    const base = { app, localPath, fullPath, fileNote: routeFile.note };
    const connect = readNextConnect(this.index, this.config, file);

    if (routeFile.router === 'app') {
      for (const exp of facts.exports) {
        const method = APP_METHODS.find((m) => m === exp.name);
        if (!method) continue;
        const viaConnect = connect.find((c) => c.method === method) ?? connect.find((c) => c.method === 'ALL');
        if (viaConnect) {
          this.emit({ ...base, method, registration: { file, span: exp.span }, unwrapped: viaConnect.handler, chain: viaConnect.chain });
          continue;
        }
        const unwrapped = this.unwrapExport(file, exp);
        this.emit({ ...base, method, registration: { file, span: exp.span }, unwrapped, chain: [] });
      }
      return;
    }

    // Pages Router: next-connect registrations, else the default export.
    if (connect.length > 0) {
      for (const c of connect) this.emit({ ...base, method: c.method, registration: c.registration, unwrapped: c.handler, chain: c.chain });
      return;
    }
    const exp = facts.exports.find((e) => e.name === 'default' || e.name === '=');
    if (!exp) return;
    const unwrapped = this.unwrapExport(file, exp);
    const handler = unwrapped.handler;
    const handlerFacts = handler ? this.index.get(handler.file) : undefined;
    const fnFacts = handler ? handlerFacts?.functions[handler.fn] : undefined;
    // Not a function (a config object, a type): not an API route.
    if (!handler && !unwrapped.library && unwrapped.wrappers.length === 0) {
      if (unwrapped.note) this.emit({ ...base, method: 'ALL', registration: { file, span: exp.span }, unwrapped, chain: [] });
      return;
    }
    const requestName = fnFacts?.params[0]?.name ?? 'req';
    const split = handler && handlerFacts ? readMethodBranches(handlerFacts, handler.fn, requestName) : { branches: [], only: undefined };
    const registration: Location = { file, span: exp.span };
    if (split.branches.length > 0) {
      const allowed = split.only?.methods;
      for (const branch of split.branches) {
        if (allowed && !allowed.includes(branch.method)) continue;
        const own = new Set(branch.spans.map((s) => `${s.start}:${s.end}`));
        const exclude = split.branches.filter((b) => b !== branch).flatMap((b) => b.spans).filter((s) => !own.has(`${s.start}:${s.end}`));
        this.emit({ ...base, method: branch.method, registration: { file: handler!.file, span: branch.at }, unwrapped, chain: [], exclude });
      }
      return;
    }
    if (split.only) {
      for (const method of split.only.methods) this.emit({ ...base, method, registration, unwrapped, chain: [] });
      return;
    }
    // One function for every method. Listed as ALL when it reads a body or writes something;
    // otherwise as GET, so a read-only handler such as the `hello` template is not taken for a write.
    const reads = handler ? readNextHandlerFacts(this.index, this.helpers, handler, { requestName }) : undefined;
    const writes = handler ? writeEvidence(this.index, handler) : undefined;
    const isWrite = !handler || writes !== undefined || (reads?.inputs.some((i) => i === 'body' || i.endsWith('()')) ?? false);
    const note = isWrite ? undefined : 'the handler does not check req.method; it reads no body and writes nothing, so it is listed as GET (it answers every method)';
    this.emit({ ...base, method: isWrite ? 'ALL' : 'GET', registration, unwrapped, chain: [], extraNote: note });
  }

  private unwrapExport(file: string, exp: { name: string; local: string | undefined; expr: Expr | undefined; from: string | undefined; fromName: string | undefined; span: Span }): Unwrapped {
    if (exp.from !== undefined) {
      const target = this.index.resolveModule(file, exp.from);
      if (!target) return { handler: undefined, wrappers: [], library: undefined, note: `the handler re-exported from '${exp.from}' could not be resolved` };
      const wanted = exp.fromName ?? exp.name;
      const targetExp = this.index.get(target)?.exports.find((e) => e.name === wanted);
      if (!targetExp) return { handler: undefined, wrappers: [], library: undefined, note: `'${wanted}' is not exported by '${exp.from}'` };
      return this.unwrapExport(target, targetExp);
    }
    const expr = exp.expr ?? (exp.local ? { k: 'id' as const, name: exp.local, span: exp.span } : undefined);
    if (!expr) return { handler: undefined, wrappers: [], library: undefined, note: 'the export could not be read' };
    return unwrapHandler(this.index, this.config, file, -1, expr);
  }

  private emit(input: {
    app: NextApp;
    localPath: string;
    fullPath: string;
    fileNote: string | undefined;
    method: HttpMethod;
    registration: Location;
    unwrapped: Unwrapped;
    chain: Middleware[];
    exclude?: Span[];
    extraNote?: string;
  }): void {
    const { app, unwrapped } = input;
    const notes: string[] = [];
    let partial = false;
    if (input.fileNote) {
      notes.push(input.fileNote);
      partial = true;
    }
    if (input.extraNote) notes.push(input.extraNote);
    const chain: Middleware[] = [];
    let middlewareCoverage: Route['middlewareCoverage'];
    const mw = app.middleware;
    if (mw) {
      const coverage = coverageFor(this.index, mw, samplePaths(input.localPath));
      notes.push(...coverage.notes);
      if (coverage.runs === 'no') {
        middlewareCoverage = 'skipped';
        if (mw.strategy.kind !== 'none' && mw.strategy.kind !== 'unknown') notes.push(`${mw.label} does not run on this path (its config.matcher leaves it out)`);
      } else {
        chain.push(this.middlewareEntry(mw, rolesFor(mw, coverage), coverage.at ?? mw.at));
        middlewareCoverage = coverage.auth === 'yes' ? 'auth' : coverage.auth === 'partial' ? 'partial' : 'runs';
        if (coverage.auth === 'partial' || coverage.runs === 'unknown') partial = true;
      }
    }
    chain.push(...input.chain, ...unwrapped.wrappers);
    if (unwrapped.library) {
      chain.push({ name: `${unwrapped.library.module} handlers`, roles: ['auth'], roleSource: 'library', args: [], at: unwrapped.library.at, definition: undefined, scope: 'route', hook: 'auth-endpoint' });
      notes.push(`served by ${unwrapped.library.module} itself: the library's own endpoints, which authenticate their callers (sign-in flows, signed requests)`);
    } else if (!unwrapped.handler) {
      notes.push(unwrapped.note ?? 'the handler could not be resolved');
      partial = true;
    }
    const handler = unwrapped.handler;
    const requestName = handler ? this.index.fnFacts(handler.file, handler.fn)?.params[0]?.name : undefined;
    const handlerFacts: HandlerFacts = handler ? readNextHandlerFacts(this.index, this.helpers, handler, { requestName, exclude: input.exclude }) : emptyHandlerFacts();
    this.routes.push({
      key: `${input.method} ${input.fullPath}`,
      framework: 'next',
      method: input.method,
      path: input.fullPath,
      registration: input.registration,
      handler: handler ? { file: handler.file, span: this.index.fnFacts(handler.file, handler.fn)?.span ?? input.registration.span } : undefined,
      handlerFn: handler ? (input.exclude && input.exclude.length > 0 ? { ...handler, exclude: [...input.exclude] } : handler) : undefined,
      chain,
      handlerFacts,
      chainInsertion: undefined,
      mounts: [],
      certainty: partial ? 'partial' : 'resolved',
      notes,
      middlewareCoverage,
    });
  }

  // ---------------------------------------------------------------- server actions

  private discoverActions(file: string, root: string): void {
    const facts = this.index.get(file);
    if (!facts) return;
    if (!facts.directives.includes('use server') && !facts.functions.some((f) => f.directives.includes('use server'))) return;
    this.appFor(root);
    for (const action of readServerActions(this.index, this.config, file)) {
      const unwrapped = action.handler;
      const handler = unwrapped.handler;
      const notes = ['a server action: callable by POST from any page that can reach it; middleware is not assumed to cover it'];
      if (!handler) notes.push(unwrapped.note ?? 'the action function could not be resolved');
      const handlerFacts = handler ? this.actionFacts(handler) : emptyHandlerFacts();
      this.routes.push({
        key: `POST ${action.path}`,
        framework: 'next',
        method: 'POST',
        path: action.path,
        registration: action.registration,
        handler: handler ? { file: handler.file, span: this.index.fnFacts(handler.file, handler.fn)?.span ?? action.registration.span } : undefined,
        handlerFn: handler,
        chain: [...action.chain, ...unwrapped.wrappers],
        handlerFacts,
        chainInsertion: undefined,
        mounts: [],
        certainty: handler ? 'resolved' : 'partial',
        notes,
        serverAction: { name: action.name, mutates: handler ? writeEvidence(this.index, handler) !== undefined : true },
      });
    }
  }

  /** An action's arguments come from the POST body: `formData.get('title')`, `{ title }`. */
  private actionFacts(handler: FnRef): HandlerFacts {
    const facts = this.index.get(handler.file)!;
    const fn = facts.functions[handler.fn];
    const base = readNextHandlerFacts(this.index, this.helpers, handler, { requestName: '\0none' });
    if (!fn || fn.params.length === 0) return base;
    const paramNames = new Set(fn.params.flatMap((p) => (p.name ? [p.name] : [])));
    const fields = new Set(base.bodyFields);
    // `({ title })` and next-safe-action's `({ parsedInput: { title } })` both read `title`.
    for (const p of fn.params) for (const n of p.names) if (n.path.length > 0) fields.add(n.path[n.path.length - 1]!);
    const fns = this.index.functionAndDescendants(handler.file, handler.fn);
    for (const call of facts.calls) {
      if (!fns.has(call.fn)) continue;
      const c = call.expr.callee;
      const arg = call.expr.args[0];
      if (c.k === 'member' && /^(get|getAll)$/.test(c.name) && c.object.k === 'id' && paramNames.has(c.object.name) && arg?.k === 'str') fields.add(arg.value);
    }
    return { ...base, inputs: [...new Set([...base.inputs, 'body'])].sort(), bodyFields: [...fields].sort() };
  }
}

const serverActions = new WeakMap<FileFacts, boolean>();

/** Whether a file has `'use server'` (at the top or in a function): read once per facts object. */
function hasServerActions(facts: FileFacts | undefined): boolean {
  if (!facts) return false;
  let found = serverActions.get(facts);
  if (found === undefined) serverActions.set(facts, (found = facts.directives.includes('use server') || facts.functions.some((f) => f.directives.includes('use server'))));
  return found;
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === '.' ? '' : d;
}

/** `middleware.ts` before `src/middleware.ts`. */
function rank(file: string): number {
  return file.includes('/src/') || file.startsWith('src/') ? 1 : 0;
}

