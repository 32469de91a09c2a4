/**
 * Finding calls to a known library from inside a rule, without the discovery's ProjectIndex (rules
 * see only file facts). A call's callee is resolved through the imports of its own file: the local
 * name → import source and imported name, including `require` destructuring, then the member chain
 * after it. `jwt.verify(…)` with `import jwt from 'jsonwebtoken'` resolves to
 * `{ module: 'jsonwebtoken', path: ['verify'] }`; `verify(…)` with `const { verify } =
 * require('jsonwebtoken')` resolves to the same.
 *
 * Also here: following a local name to what it was initialized with (`const opts = {…}; cors(opts)`),
 * within the file and through one relative import, which every configuration-reading rule needs.
 */
import type { CallSite, Expr, FileFacts, FnId, FunctionFacts, ObjProp, VarDecl } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';
import type { RuleContext } from './define-rule';
import { groupBy } from '../../analyzer/util/group-by';

export type CallExpr = Extract<Expr, { k: 'call' }>;

export interface ModuleMember {
  /** The import source, e.g. 'jsonwebtoken', 'cors', '@fastify/cors'. */
  module: string;
  /** The member path after the module's default/namespace export: [] for `cors()`, ['verify'] for `jwt.verify`. */
  path: string[];
}

export interface FoundCall {
  file: string;
  facts: FileFacts;
  site: CallSite;
  call: CallExpr;
  origin: ModuleMember;
}

const MAX_DEPTH = 8;

interface FileIndex {
  imports: Map<string, { source: string; imported: string; declSpanStart: number }>;
  /** Top-level declarations by bound name (first wins). */
  topDecls: Map<string, VarDecl>;
  /** Every name bound by a parameter or a declaration inside some function. */
  innerNames: Set<string>;
  /** Modules imported or required anywhere in the file (inline `require('x')` included). */
  modules: Set<string>;
}

// FileFacts objects are replaced, never mutated, when a file changes: a per-object index is safe.
const fileIndexes = new WeakMap<FileFacts, FileIndex>();

function fileIndex(facts: FileFacts): FileIndex {
  let index = fileIndexes.get(facts);
  if (index) return index;
  index = { imports: new Map(), topDecls: new Map(), innerNames: new Set(), modules: new Set(facts.imports.map((i) => i.source)) };
  for (const c of facts.calls) {
    if (c.expr.callee.k === 'id' && c.expr.callee.name === 'require' && c.expr.args[0]?.k === 'str') index.modules.add(c.expr.args[0].value);
  }
  for (const imp of facts.imports) {
    if (imp.typeOnly || imp.kind === 'dynamic') continue;
    for (const b of imp.bindings) if (!index.imports.has(b.local)) index.imports.set(b.local, { source: imp.source, imported: b.imported, declSpanStart: imp.span.start });
  }
  for (const d of facts.decls) {
    for (const n of d.names) {
      if (d.fn === TOP_LEVEL) {
        if (!index.topDecls.has(n.name)) index.topDecls.set(n.name, d);
      } else index.innerNames.add(n.name);
    }
  }
  fileIndexes.set(facts, index);
  return index;
}

/** The import behind a local name at the top of `facts`, when it is one. */
export function importOf(facts: FileFacts, local: string): { source: string; imported: string; declSpanStart: number } | undefined {
  return fileIndex(facts).imports.get(local);
}

/** The functions enclosing `fn`, innermost first, ending with the top level. */
export function scopeChain(facts: FileFacts, fn: FnId): FnId[] {
  const out: FnId[] = [];
  let cur = fn;
  for (let i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    out.push(cur);
    cur = facts.functions[cur]?.parent ?? TOP_LEVEL;
  }
  out.push(TOP_LEVEL);
  return out;
}

/** True when `name` is bound by a parameter or a non-import declaration in a function enclosing `fn`. */
function isShadowed(facts: FileFacts, name: string, fn: FnId, importStart: number | undefined): boolean {
  if (fn === TOP_LEVEL || !fileIndex(facts).innerNames.has(name)) return false;
  const chain = new Set(scopeChain(facts, fn));
  chain.delete(TOP_LEVEL);
  return (scopeIndex(facts).declsBinding.get(name) ?? []).some((d) => chain.has(d.fn) && d.span.start !== importStart);
}

/** What module member a callee (or any expression) denotes, through the imports of `facts`. */
export function resolveModuleMember(facts: FileFacts, expr: Expr, fn: FnId, depth = 0): ModuleMember | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (expr.k) {
    case 'id': {
      const imp = importOf(facts, expr.name);
      if (imp) {
        if (isShadowed(facts, expr.name, fn, imp.declSpanStart)) return undefined;
        const base = imp.imported === 'default' || imp.imported === '*' ? [] : imp.imported.split('.');
        return { module: imp.source, path: base };
      }
      // `const verify = jwt.verify` or `const { sign } = jwt` at the top of the file.
      const top = fileIndex(facts).topDecls.get(expr.name);
      if (!top?.init || isShadowed(facts, expr.name, fn, undefined)) return undefined;
      const bound = top.names.find((n) => n.name === expr.name)!;
      const base = resolveModuleMember(facts, top.init, TOP_LEVEL, depth + 1);
      return base ? { module: base.module, path: [...base.path, ...bound.path] } : undefined;
    }
    case 'member': {
      const base = resolveModuleMember(facts, expr.object, fn, depth + 1);
      if (!base) return undefined;
      // `jwt.default.verify` under some interop setups reads the same as `jwt.verify`.
      if (expr.name === 'default' && base.path.length === 0) return base;
      return { module: base.module, path: [...base.path, expr.name] };
    }
    case 'call': {
      // `require('cors')` used inline.
      if (expr.callee.k === 'id' && expr.callee.name === 'require' && expr.args[0]?.k === 'str' && !expr.isNew) return { module: expr.args[0].value, path: [] };
      return undefined;
    }
    case 'await':
      return resolveModuleMember(facts, expr.expr, fn, depth + 1);
    default:
      return undefined;
  }
}

// Per run: the set of files can change between runs of a language-server session.
const sortedFileLists = new WeakMap<RuleContext['model'], readonly string[]>();

/** The project's source files in sorted order (the order rules report in), listed once per run. */
export function sortedFiles(ctx: RuleContext): readonly string[] {
  let files = sortedFileLists.get(ctx.model);
  if (!files) sortedFileLists.set(ctx.model, (files = [...ctx.files.keys()].sort()));
  return files;
}

/**
 * Every call in the project (or in `files`) whose callee resolves to a member of one of `modules`
 * (files in sorted order).
 */
export function* callsTo(ctx: RuleContext, modules: readonly string[], accept: (origin: ModuleMember, call: CallExpr) => boolean, files?: readonly string[]): Generator<FoundCall> {
  for (const file of files ?? filesImporting(ctx, modules)) {
    const facts = ctx.files.get(file)!;
    if (!mentionsAny(facts, modules)) continue;
    for (const site of facts.calls) {
      const origin = resolveModuleMember(facts, site.expr.callee, site.fn);
      if (!origin || !modules.includes(origin.module)) continue;
      if (accept(origin, site.expr)) yield { file, facts, site, call: site.expr, origin };
    }
  }
}

/**
 * The project's files by module imported, each list in sorted order. Kept per files map (a
 * language-server session keeps one across runs) and brought up to date on each run from the
 * files whose facts changed: rebuilding it from a thousand files cost milliseconds per edit.
 */
interface Importers {
  facts: Map<string, FileFacts>;
  byModule: Map<string, string[]>;
  /** The model it was last brought up to date for. */
  model: RuleContext['model'] | undefined;
}

const importersByFiles = new WeakMap<ReadonlyMap<string, FileFacts>, Importers>();

function importers(ctx: RuleContext): Map<string, string[]> {
  let state = importersByFiles.get(ctx.files);
  if (!state) importersByFiles.set(ctx.files, (state = { facts: new Map(), byModule: new Map(), model: undefined }));
  if (state.model === ctx.model) return state.byModule;
  const { facts: known, byModule } = state;
  const drop = (file: string, facts: FileFacts): void => {
    for (const module of fileIndex(facts).modules) {
      const list = byModule.get(module);
      const at = list ? sortedIndexOf(list, file) : -1;
      if (at >= 0 && list![at] === file) list!.splice(at, 1);
      if (list?.length === 0) byModule.delete(module);
    }
  };
  for (const [file, facts] of known) {
    const now = ctx.files.get(file);
    if (now === facts) continue;
    drop(file, facts);
    known.delete(file);
  }
  for (const [file, facts] of ctx.files) {
    if (known.get(file) === facts) continue;
    known.set(file, facts);
    for (const module of fileIndex(facts).modules) {
      const list = byModule.get(module);
      if (!list) byModule.set(module, [file]);
      else list.splice(sortedIndexOf(list, file), 0, file);
    }
  }
  state.model = ctx.model;
  return byModule;
}

/** Where `file` is or would go in the sorted `list`. */
function sortedIndexOf(list: readonly string[], file: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < file) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The files that import (or require) one of `modules`, in sorted order. Several rules look for calls
 * into a few packages on every run: asking each of a thousand files for each package cost more
 * than the calls they find.
 */
export function filesImporting(ctx: RuleContext, modules: readonly string[]): readonly string[] {
  const byModule = importers(ctx);
  if (modules.length === 1) return byModule.get(modules[0]!) ?? [];
  const files = new Set<string>();
  for (const module of modules) for (const file of byModule.get(module) ?? []) files.add(file);
  return [...files].sort();
}

/** The file imports, requires or inline-requires `module` (also as a type-only or dynamic import). */
export function importsModule(facts: FileFacts, module: string): boolean {
  return fileIndex(facts).modules.has(module);
}

/**
 * Every module the file imports, requires or inline-requires (read-only). `resolveModuleMember`
 * only ever answers with one of these, so a file without a module of interest needs no call read.
 */
export function modulesOf(facts: FileFacts): ReadonlySet<string> {
  return fileIndex(facts).modules;
}

/** Cheap pre-filter: the file imports (or inline-requires) one of the modules. */
function mentionsAny(facts: FileFacts, modules: readonly string[]): boolean {
  const mentioned = fileIndex(facts).modules;
  return modules.some((m) => mentioned.has(m));
}

/** True when some file of the project imports one of `modules`. */
export function projectImports(ctx: RuleContext, modules: readonly string[]): boolean {
  return filesImporting(ctx, modules).length > 0;
}

// ---------------------------------------------------------------- local values

/** The nearest declaration of `name` visible from `fn`, with the property path the name takes from its initializer. */
export function findLocalDecl(facts: FileFacts, name: string, fn: FnId): { decl: VarDecl; path: string[] } | undefined {
  const byScope = scopeIndex(facts).declsByScope;
  for (const scope of scopeChain(facts, fn)) {
    const found = byScope.get(scope)?.get(name);
    if (found) return found;
  }
  return undefined;
}

/** A function declared by name (`function origin(o, cb) {…}`) visible from `fn`. */
function findFunctionDecl(facts: FileFacts, name: string, fn: FnId): FunctionFacts | undefined {
  const candidates = scopeIndex(facts).declaredFunctions.get(name);
  if (!candidates) return undefined;
  const chain = new Set(scopeChain(facts, fn));
  return candidates.find((f) => chain.has(f.parent));
}

export interface Resolved {
  /** The file the expression is in (a relative import can move it). */
  file: string;
  facts: FileFacts;
  fn: FnId;
  expr: Expr;
}

/**
 * Follows `expr` while it is a name: to a local `const`/never-reassigned `let` initializer, a named
 * function, a property of an object initializer (`const { cors: opts } = config`), or the value a
 * relative import exports. Stops at anything else and returns the last expression reached.
 */
export function resolveValue(ctx: RuleContext, file: string, expr: Expr, fn: FnId, depth = 0): Resolved {
  const facts = ctx.files.get(file)!;
  const here: Resolved = { file, facts, fn, expr };
  if (depth > MAX_DEPTH) return here;
  if (expr.k === 'await') return resolveValue(ctx, file, expr.expr, fn, depth + 1);
  if (expr.k === 'member') {
    // `config.cors` where `config` is a local object literal.
    const base = resolveValue(ctx, file, expr.object, fn, depth + 1);
    if (base.expr.k === 'obj') {
      const prop = findProp(base.expr, expr.name);
      if (prop && !prop.spread) return resolveValue(ctx, base.file, prop.value, base.fn, depth + 1);
    }
    return here;
  }
  if (expr.k !== 'id') return here;
  const local = findLocalDecl(facts, expr.name, fn);
  if (local) {
    const { decl, path } = local;
    if (decl.kind === 'param' || !decl.init) return here;
    if (decl.kind !== 'const' && scopeIndex(facts).assignedNames.has(expr.name)) return here;
    let value: Resolved = resolveValue(ctx, file, decl.init, decl.fn, depth + 1);
    for (const key of path) {
      if (value.expr.k !== 'obj') return here;
      const prop = findProp(value.expr, key);
      if (!prop || prop.spread) return here;
      value = resolveValue(ctx, value.file, prop.value, value.fn, depth + 1);
    }
    return value;
  }
  const fnDecl = findFunctionDecl(facts, expr.name, fn);
  if (fnDecl) return { file, facts, fn, expr: { k: 'fn', fn: fnDecl.id, span: fnDecl.span } };
  const imported = importedValue(ctx, file, expr.name, depth + 1);
  return imported ?? here;
}

/** The value a relative import binds: `import { corsOptions } from './config'`. */
function importedValue(ctx: RuleContext, file: string, local: string, depth: number): Resolved | undefined {
  const facts = ctx.files.get(file)!;
  const imp = importOf(facts, local);
  if (!imp || !imp.source.startsWith('.')) return undefined;
  const target = resolveRelative(ctx, file, imp.source);
  const targetFacts = target ? ctx.files.get(target) : undefined;
  if (!target || !targetFacts) return undefined;
  const wanted = imp.imported === '*' ? '=' : imp.imported;
  const exp =
    targetFacts.exports.find((e) => e.name === wanted && !e.from) ??
    (wanted === 'default' ? targetFacts.exports.find((e) => e.name === '=' && !e.from) : undefined) ??
    (wanted === '=' ? targetFacts.exports.find((e) => e.name === 'default' && !e.from) : undefined);
  if (!exp) {
    // `module.exports = { corsOptions }` read through `const { corsOptions } = require('./config')`.
    const whole = targetFacts.exports.find((e) => (e.name === '=' || e.name === 'default') && !e.from && e.expr);
    if (whole?.expr) {
      const value = resolveValue(ctx, target, whole.expr, TOP_LEVEL, depth + 1);
      if (value.expr.k === 'obj') {
        const prop = findProp(value.expr, wanted);
        if (prop && !prop.spread) return resolveValue(ctx, value.file, prop.value, value.fn, depth + 1);
      }
    }
    return undefined;
  }
  if (exp.expr) return resolveValue(ctx, target, exp.expr, TOP_LEVEL, depth + 1);
  if (exp.local) return resolveValue(ctx, target, { k: 'id', name: exp.local, span: exp.span }, TOP_LEVEL, depth + 1);
  return undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

// Per run (keyed by the run's model): the set of files can change between runs of a session.
const relativeCache = new WeakMap<RuleContext['model'], Map<string, string | null>>();

function resolveRelative(ctx: RuleContext, fromFile: string, source: string): string | undefined {
  let perRun = relativeCache.get(ctx.model);
  if (!perRun) relativeCache.set(ctx.model, (perRun = new Map()));
  const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '';
  const key = `${dir}\0${source}`;
  let hit = perRun.get(key);
  if (hit === undefined) {
    hit = resolveRelativeUncached(ctx, dir, source) ?? null;
    perRun.set(key, hit);
  }
  return hit ?? undefined;
}

function resolveRelativeUncached(ctx: RuleContext, dir: string, source: string): string | undefined {
  const parts: string[] = dir ? dir.split('/') : [];
  for (const seg of source.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  const base = parts.join('/');
  const stripped = base.replace(/\.(c|m)?js$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  return candidates.find((c) => ctx.files.has(c));
}

// ---------------------------------------------------------------- small expression helpers

export function findProp(obj: Extract<Expr, { k: 'obj' }>, key: string): ObjProp | undefined {
  // The last occurrence wins, as in JavaScript.
  for (let i = obj.props.length - 1; i >= 0; i--) {
    const p = obj.props[i]!;
    if (!p.spread && p.key !== undefined && p.key.toLowerCase() === key.toLowerCase()) return p;
  }
  return undefined;
}

export function hasSpread(obj: Extract<Expr, { k: 'obj' }>): boolean {
  return obj.props.some((p) => p.spread);
}

/** `a.b.c` → 'a', the identifier at the root of a member chain or call chain. */
export function rootName(expr: Expr, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  if (expr.k === 'id') return expr.name;
  if (expr.k === 'member' || expr.k === 'index') return rootName(expr.object, depth + 1);
  if (expr.k === 'call') return expr.callee.k === 'member' ? rootName(expr.callee.object, depth + 1) : undefined;
  if (expr.k === 'await') return rootName(expr.expr, depth + 1);
  return undefined;
}

/** The callee's last name: `res.status(500).json` → 'json', `cors` → 'cors'. */
export function calleeName(call: CallExpr): string | undefined {
  const c = call.callee;
  return c.k === 'id' ? c.name : c.k === 'member' ? c.name : undefined;
}

export function contains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `fn` and every function nested in it. */
export function descendantsOf(facts: FileFacts, fn: FnId): ReadonlySet<FnId> {
  const index = scopeIndex(facts);
  let known = index.descendants.get(fn);
  if (!known) {
    // The nested functions, found through the children lists; then put in the order the original
    // fixpoint gave (pass by pass over `functions` in array order), which callers iterate in.
    const nested: FnId[] = [];
    const stack = [fn];
    const reached = new Set<FnId>([fn]);
    while (stack.length > 0) {
      for (const child of index.children.get(stack.pop()!) ?? []) {
        if (reached.has(child)) continue;
        reached.add(child);
        nested.push(child);
        stack.push(child);
      }
    }
    nested.sort((a, b) => a - b);
    const out = new Set<FnId>([fn]);
    for (let changed = true, guard = 0; changed && guard < 64; guard++) {
      changed = false;
      for (const id of nested) {
        const f = facts.functions[id]!;
        if (!out.has(f.id) && out.has(f.parent)) {
          out.add(f.id);
          changed = true;
        }
      }
    }
    known = out;
    index.descendants.set(fn, known);
  }
  // Shared between callers (asked once per route and per code unit): do not modify.
  return known;
}

const callsByStart = new WeakMap<FileFacts, Map<number, CallSite[]>>();

/** The call site whose call spans exactly `span` (the first one, in file order), found by index. */
export function callWithSpan(facts: FileFacts, span: { start: number; end: number }): CallSite | undefined {
  let byStart = callsByStart.get(facts);
  if (!byStart) {
    byStart = groupBy(facts.calls, (c) => c.expr.span.start);
    callsByStart.set(facts, byStart);
  }
  // Calls starting at the same offset are a chain (`a.b().c()`): a handful at most.
  return byStart.get(span.start)?.find((c) => c.expr.span.end === span.end);
}

/**
 * The items of `facts[key]` that belong to the functions `fns`, in file order. The list is shared
 * between callers asking with the same `fns` set (a handler's set from `descendantsOf` is asked for
 * its calls, declarations and guards by every rule): do not modify it.
 */
export function itemsIn<K extends ScopedKey>(facts: FileFacts, key: K, fns: ReadonlySet<FnId>): FileFacts[K] {
  const index = scopeIndex(facts);
  let perSet = index.itemsBySet.get(fns);
  if (!perSet) index.itemsBySet.set(fns, (perSet = new Map()));
  let items = perSet.get(key) as FileFacts[K] | undefined;
  if (!items) perSet.set(key, (items = collectItems(index, facts, key, fns)));
  return items;
}

function collectItems<K extends ScopedKey>(index: ScopeIndex, facts: FileFacts, key: K, fns: ReadonlySet<FnId>): FileFacts[K] {
  let byFn = index.items.get(key);
  if (!byFn) {
    byFn = groupBy(facts[key] as readonly { fn: FnId }[], (item) => item.fn, (_, i) => i);
    index.items.set(key, byFn);
  }
  const positions: number[] = [];
  for (const fn of fns) {
    const list = byFn.get(fn);
    if (list) for (const i of list) positions.push(i);
  }
  if (fns.size > 1) positions.sort((a, b) => a - b);
  const all = facts[key];
  return positions.map((i) => all[i]!) as FileFacts[K];
}

type ScopedKey = 'calls' | 'decls' | 'assignments' | 'guards' | 'returns' | 'throws' | 'switches' | 'reads';

/** Per-file lookups for scope questions (the facts are replaced, never mutated, on a change). */
interface ScopeIndex {
  /** Functions by parent. */
  children: Map<FnId, FnId[]>;
  descendants: Map<FnId, ReadonlySet<FnId>>;
  /** Per scope, the first declaration binding each (non-rest) name, with its path. */
  declsByScope: Map<FnId, Map<string, { decl: VarDecl; path: string[] }>>;
  /** Every declaration binding a name (rest elements included), in file order. */
  declsBinding: Map<string, VarDecl[]>;
  /** Function declarations by name, in array order. */
  declaredFunctions: Map<string, FunctionFacts[]>;
  /** Names assigned to (`x = …`). */
  assignedNames: Set<string>;
  /** Item positions by function, per kind of item. */
  items: Map<ScopedKey, Map<FnId, number[]>>;
  /** `itemsIn` answers per set of functions (sets are never modified once built). */
  itemsBySet: WeakMap<ReadonlySet<FnId>, Map<ScopedKey, unknown>>;
}

const scopeIndexes = new WeakMap<FileFacts, ScopeIndex>();

function scopeIndex(facts: FileFacts): ScopeIndex {
  let index = scopeIndexes.get(facts);
  if (index) return index;
  index = { children: new Map(), descendants: new Map(), declsByScope: new Map(), declsBinding: new Map(), declaredFunctions: new Map(), assignedNames: new Set(), items: new Map(), itemsBySet: new WeakMap() };
  for (const f of facts.functions) {
    const siblings = index.children.get(f.parent);
    if (siblings) siblings.push(f.id);
    else index.children.set(f.parent, [f.id]);
    if (f.kind === 'declaration' && f.name !== undefined) {
      const same = index.declaredFunctions.get(f.name);
      if (same) same.push(f);
      else index.declaredFunctions.set(f.name, [f]);
    }
  }
  for (const decl of facts.decls) {
    let scope = index.declsByScope.get(decl.fn);
    if (!scope) index.declsByScope.set(decl.fn, (scope = new Map()));
    // A name bound twice by one pattern lists the declaration once (most bind one name: no set).
    const named = decl.names.length > 1 ? new Set<string>() : undefined;
    for (const n of decl.names) {
      if (!n.rest && !scope.has(n.name)) scope.set(n.name, { decl, path: n.path });
      if (named) {
        if (named.has(n.name)) continue;
        named.add(n.name);
      }
      const binding = index.declsBinding.get(n.name);
      if (binding) binding.push(decl);
      else index.declsBinding.set(n.name, [decl]);
    }
  }
  for (const a of facts.assignments) if (a.target.k === 'id') index.assignedNames.add(a.target.name);
  scopeIndexes.set(facts, index);
  return index;
}

/** The innermost function whose span holds `offset`, or the top level. */
export function functionAt(facts: FileFacts, offset: number): FnId {
  // Function spans nest (they are syntax nodes): the innermost one holding `offset` encloses the
  // last function starting at or before it, so it is found by a binary search and a walk up the
  // nesting, not by a scan of every function (asked per route, that was quadratic in big files).
  const tree = spanTree(facts);
  let lo = 0;
  let hi = tree.order.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tree.starts[mid]! <= offset) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = last; i >= 0; i = tree.up[i]!) {
    const f = facts.functions[tree.order[i]!]!;
    if (offset < f.span.end) return f.id;
  }
  return TOP_LEVEL;
}

/**
 * The top-level call sites whose call contains `span` (a function's registration, its wrappers), in
 * file order. Call spans nest like function spans: found from the last call starting before `span`
 * by walking up the nesting, not by testing every top-level call of the file.
 */
export function topLevelCallsContaining(facts: FileFacts, span: { start: number; end: number }): CallSite[] {
  let tree = topLevelCallTrees.get(facts);
  if (!tree) {
    const calls: { site: CallSite; index: number }[] = [];
    facts.calls.forEach((site, index) => {
      if (site.fn === TOP_LEVEL) calls.push({ site, index });
    });
    calls.sort((a, b) => a.site.expr.span.start - b.site.expr.span.start || b.site.expr.span.end - a.site.expr.span.end || b.index - a.index);
    const up: number[] = [];
    const stack: number[] = [];
    calls.forEach(({ site }, i) => {
      const here = site.expr.span;
      while (stack.length > 0) {
        const top = calls[stack[stack.length - 1]!]!.site.expr.span;
        if (top.start <= here.start && here.end <= top.end) break;
        stack.pop();
      }
      up.push(stack.length > 0 ? stack[stack.length - 1]! : -1);
      stack.push(i);
    });
    tree = { calls, up };
    topLevelCallTrees.set(facts, tree);
  }
  let lo = 0;
  let hi = tree.calls.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tree.calls[mid]!.site.expr.span.start <= span.start) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const found: { site: CallSite; index: number }[] = [];
  for (let i = last; i >= 0; i = tree.up[i]!) {
    const c = tree.calls[i]!;
    if (span.end <= c.site.expr.span.end) found.push(c);
  }
  return found.sort((a, b) => a.index - b.index).map((c) => c.site);
}

const topLevelCallTrees = new WeakMap<FileFacts, { calls: { site: CallSite; index: number }[]; up: number[] }>();

interface SpanTree {
  /** Function ids by span start (outer before inner on equal starts; equal spans: later id first). */
  order: FnId[];
  starts: number[];
  /** For each position in `order`, the position of the innermost function containing it, or -1. */
  up: number[];
}

const spanTrees = new WeakMap<FileFacts, SpanTree>();

function spanTree(facts: FileFacts): SpanTree {
  let tree = spanTrees.get(facts);
  if (tree) return tree;
  const fns = facts.functions;
  const order = fns.map((f) => f.id).sort((a, b) => fns[a]!.span.start - fns[b]!.span.start || fns[b]!.span.end - fns[a]!.span.end || b - a);
  const up: number[] = [];
  const stack: number[] = [];
  order.forEach((id, i) => {
    const span = fns[id]!.span;
    while (stack.length > 0) {
      const top = fns[order[stack[stack.length - 1]!]!]!.span;
      if (top.start <= span.start && span.end <= top.end) break;
      stack.pop();
    }
    up.push(stack.length > 0 ? stack[stack.length - 1]! : -1);
    stack.push(i);
  });
  tree = { order, starts: order.map((id) => fns[id]!.span.start), up };
  spanTrees.set(facts, tree);
  return tree;
}

/** Visits an expression tree (depth-bounded), stopping descent where `visit` returns false. */
export function walkExpr(expr: Expr | undefined, visit: (e: Expr) => boolean | void, depth = 0): void {
  if (!expr || depth > 16) return;
  if (visit(expr) === false) return;
  const d = depth + 1;
  switch (expr.k) {
    case 'member':
    case 'index':
      walkExpr(expr.object, visit, d);
      if (expr.k === 'index') walkExpr(expr.index, visit, d);
      break;
    case 'call':
      walkExpr(expr.callee, visit, d);
      for (const a of expr.args) walkExpr(a, visit, d);
      break;
    case 'obj':
      for (const p of expr.props) walkExpr(p.value, visit, d);
      break;
    case 'arr':
      for (const i of expr.items) walkExpr(i, visit, d);
      break;
    case 'tpl':
      for (const e of expr.exprs) walkExpr(e, visit, d);
      break;
    case 'await':
    case 'spread':
    case 'unary':
      walkExpr(expr.expr, visit, d);
      break;
    case 'bin':
      walkExpr(expr.left, visit, d);
      walkExpr(expr.right, visit, d);
      break;
    case 'cond':
      walkExpr(expr.test, visit, d);
      walkExpr(expr.then, visit, d);
      walkExpr(expr.else, visit, d);
      break;
    case 'assign':
      walkExpr(expr.target, visit, d);
      walkExpr(expr.value, visit, d);
      break;
    default:
      break;
  }
}

/** True when the expression mentions identifier `name` anywhere. */
export function mentionsName(expr: Expr | undefined, name: string): boolean {
  let found = false;
  walkExpr(expr, (e) => {
    if (found) return false;
    if (e.k === 'id' && e.name === name) found = true;
    return !found;
  });
  return found;
}
