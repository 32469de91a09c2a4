/**
 * Cross-file resolution over file facts: module specifiers to project files, names to their
 * bindings (scopes, imports, re-exports, CommonJS exports), and expressions to what they denote.
 * Framework discovery builds on this; nothing here knows a framework.
 */
import path from 'node:path';
import type { Expr, FileFacts, FnId, FunctionFacts, VarDecl } from '../model/ir';
import { TOP_LEVEL } from '../model/ir';
import { type Carry, DiscoveryMemo } from './memo';
import { groupBy } from '../util/group-by';

export type Binding =
  | { kind: 'decl'; file: string; decl: VarDecl; /** the bound name's path into the initializer */ path: string[] }
  | { kind: 'function'; file: string; fn: FnId }
  | { kind: 'param'; file: string; fn: FnId; index: number; path: string[] }
  | { kind: 'external'; module: string; /** 'default', '*' or a dotted member path */ imported: string }
  /** A project module used as a namespace: `import * as c from './c'`, or `require('./c')` without `module.exports =`. */
  | { kind: 'module'; file: string }
  | { kind: 'unresolved'; file: string; source: string; imported: string };

/** What an expression denotes, as far as syntax and imports can tell. */
export type Value =
  | { kind: 'function'; file: string; fn: FnId }
  | { kind: 'external'; module: string; path: string[] }
  | { kind: 'module'; file: string }
  | { kind: 'expr'; file: string; fnScope: FnId; expr: Expr }
  | { kind: 'unknown'; reason: string };

const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const MAX_RESOLVE_DEPTH = 12;

interface ScopeTable {
  /** fn scope → name → binding */
  scopes: Map<FnId, Map<string, Binding>>;
}

export interface PathAlias {
  /** e.g. '@/*' */
  pattern: string;
  /** e.g. ['src/*'], project-relative */
  targets: string[];
}

export class ProjectIndex {
  private readonly scopeTables = new Map<string, ScopeTable>();
  private readonly moduleCache = new Map<string, string | undefined>();
  private readonly exportCache = new Map<string, { binding: Binding | undefined; reads: [string, FileFacts | undefined][] }>();
  /**
   * Scope tables and export answers kept between runs in the memo (an edit rebuilt them for every
   * file): a scope table while its file's facts are the same object, an export answer while every
   * file it read is. Both depend on module resolution too, that is on the file set and the path
   * aliases: the memo is cleared when either changes. Undefined in a view resolving modules its
   * own way (see next/discover.ts).
   */
  private readonly keptScopes: Map<string, { facts: FileFacts; table: ScopeTable }> | undefined;
  private readonly keptExports: Map<string, { binding: Binding | undefined; reads: [string, FileFacts | undefined][] }> | undefined;

  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    private readonly aliases: readonly PathAlias[] = [],
    private readonly memo: DiscoveryMemo = new DiscoveryMemo(),
  ) {
    memo.useResolution(JSON.stringify(aliases));
    this.keptScopes = memo.slot('index:scopes', () => new Map());
    this.keptExports = memo.slot('index:exports', () => new Map());
  }

  /** A file's facts; every read is recorded as a dependency of the memoized work in progress. */
  get(file: string): FileFacts | undefined {
    const facts = this.files.get(file);
    this.memo.recordRead(file, facts);
    return facts;
  }

  fnFacts(file: string, fn: FnId): FunctionFacts | undefined {
    return fn === TOP_LEVEL ? undefined : this.get(file)?.functions[fn];
  }

  /**
   * Runs `compute` once per key for as long as the facts it read stay the same (see memo.ts); with
   * `carry`, a value whose files changed only inside edit regions is carried past them instead.
   */
  memoize<T>(key: string, compute: () => T, carry?: Carry<T>): T {
    return this.memo.run(key, (file) => this.files.get(file), compute, carry);
  }

  /** `memoize` for work done once per project file (see memo.ts `runForFile`). */
  memoizeFile<T>(space: string, file: string, compute: () => T): T {
    return this.memo.runForFile(space, file, (f) => this.files.get(f), compute);
  }

  /** Runs `compute`, returning the file reads it made (also recorded for the caller); see memo.ts. */
  track<T>(compute: () => T): { value: T; reads: [string, FileFacts | undefined][] } {
    return this.memo.track(compute);
  }

  /** True when every file read is still the same facts object: a value computed from them holds. */
  readsCurrent(reads: readonly (readonly [string, FileFacts | undefined])[]): boolean {
    for (const [file, facts] of reads) if (this.files.get(file) !== facts) return false;
    return true;
  }

  /** Records reads made by a reused value as dependencies of the computation in progress. */
  replayReads(reads: readonly (readonly [string, FileFacts | undefined])[]): void {
    if (!this.memo.tracking) return;
    for (const [file, facts] of reads) this.memo.recordRead(file, facts);
  }

  /** A cache of the caller's kept between runs for as long as the memo is (see memo.ts `slot`). */
  slot<T>(key: string, create: () => T): T {
    return this.memo.slot(key, create);
  }

  // ---------------------------------------------------------------- modules

  /** A relative or aliased specifier → project file; undefined for packages and unknown files. */
  resolveModule(fromFile: string, source: string): string | undefined {
    const key = `${fromFile}\0${source}`;
    if (this.moduleCache.has(key)) return this.moduleCache.get(key);
    const resolved = this.resolveModuleUncached(fromFile, source);
    this.moduleCache.set(key, resolved);
    return resolved;
  }

  private resolveModuleUncached(fromFile: string, source: string): string | undefined {
    const candidates: string[] = [];
    if (source.startsWith('.')) {
      candidates.push(path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), source)));
    } else {
      for (const alias of this.aliases) {
        const star = alias.pattern.indexOf('*');
        if (star < 0 ? source === alias.pattern : source.startsWith(alias.pattern.slice(0, star)) && source.endsWith(alias.pattern.slice(star + 1))) {
          const middle = star < 0 ? '' : source.slice(star, source.length - (alias.pattern.length - star - 1));
          for (const target of alias.targets) candidates.push(path.posix.normalize(target.replace('*', middle)));
        }
      }
      if (source.startsWith('/')) return undefined;
    }
    for (const base of candidates) {
      const found = this.probe(base);
      if (found) return found;
    }
    return undefined;
  }

  private probe(base: string): string | undefined {
    if (this.files.has(base)) return base;
    // ESM TypeScript imports './users.js' for './users.ts'.
    const stripped = base.replace(/\.(c|m)?js$/, '');
    for (const ext of RESOLVE_EXTENSIONS) if (this.files.has(stripped + ext)) return stripped + ext;
    for (const ext of RESOLVE_EXTENSIONS) if (this.files.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
    return undefined;
  }

  // ---------------------------------------------------------------- scopes

  private scopeTable(file: string): ScopeTable {
    let table = this.scopeTables.get(file);
    if (table) return table;
    const facts = this.get(file);
    const kept = this.keptScopes?.get(file);
    if (kept && facts && kept.facts === facts) {
      this.scopeTables.set(file, kept.table);
      return kept.table;
    }
    table = { scopes: new Map() };
    if (facts) {
      const add = (fn: FnId, name: string, binding: Binding) => {
        let scope = table!.scopes.get(fn);
        if (!scope) table!.scopes.set(fn, (scope = new Map()));
        if (!scope.has(name)) scope.set(name, binding);
      };
      for (const imp of facts.imports) {
        if (imp.typeOnly) continue;
        const target = this.resolveModule(file, imp.source);
        for (const b of imp.bindings) {
          if (target && b.imported === '*' && imp.kind === 'esm') {
            add(TOP_LEVEL, b.local, { kind: 'module', file: target });
            continue;
          }
          add(TOP_LEVEL, b.local, target ? { kind: 'unresolved', file: target, source: imp.source, imported: b.imported } : isRelative(imp.source) ? { kind: 'unresolved', file: '', source: imp.source, imported: b.imported } : { kind: 'external', module: imp.source, imported: b.imported });
        }
      }
      for (const fn of facts.functions) {
        if (fn.kind === 'declaration' && fn.name) add(fn.parent, fn.name, { kind: 'function', file, fn: fn.id });
        fn.params.forEach((p, index) => {
          for (const n of p.names) add(fn.id, n.name, { kind: 'param', file, fn: fn.id, index, path: n.path });
        });
      }
      for (const decl of facts.decls) {
        if (decl.kind === 'param') continue;
        for (const n of decl.names) add(decl.fn, n.name, { kind: 'decl', file, decl, path: n.path });
      }
    }
    this.scopeTables.set(file, table);
    if (facts) this.keptScopes?.set(file, { facts, table });
    return table;
  }

  /** The binding of `name` as seen from inside function `fn` of `file`, imports followed. */
  lookup(file: string, name: string, fn: FnId, depth = 0): Binding | undefined {
    const table = this.scopeTable(file);
    const facts = this.get(file);
    let scope: FnId = fn;
    for (let guard = 0; guard < 256; guard++) {
      const binding = table.scopes.get(scope)?.get(name);
      if (binding) {
        if (binding.kind !== 'unresolved' || !binding.file) return binding;
        const resolved = this.resolveExport(binding.file, binding.imported, depth + 1);
        if (resolved) return resolved;
        return binding.imported === '*' ? { kind: 'module', file: binding.file } : binding;
      }
      if (scope === TOP_LEVEL) break;
      scope = facts?.functions[scope]?.parent ?? TOP_LEVEL;
    }
    return undefined;
  }

  /** Follows `export`, re-exports, `export *` and CommonJS exports to the binding behind `name`. */
  resolveExport(file: string, name: string, depth = 0): Binding | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    // Every import of a name is resolved again at each lookup (and barrels with many `export *`
    // make each resolution a search): answers are kept for the run, with the files they read, which
    // are recorded again on reuse so memoized work still depends on them.
    const key = `${file}\0${name}\0${depth}`;
    const known = this.exportCache.get(key);
    if (known) {
      for (const [read, facts] of known.reads) this.memo.recordRead(read, facts);
      return known.binding;
    }
    const kept = this.keptExports?.get(key);
    if (kept && this.readsCurrent(kept.reads)) {
      this.exportCache.set(key, kept);
      for (const [read, facts] of kept.reads) this.memo.recordRead(read, facts);
      return kept.binding;
    }
    const { value, reads } = this.memo.track(() => this.resolveExportUncached(file, name, depth));
    const answer = { binding: value, reads };
    this.exportCache.set(key, answer);
    this.keptExports?.set(key, answer);
    return value;
  }

  private resolveExportUncached(file: string, name: string, depth: number): Binding | undefined {
    const facts = this.get(file);
    if (!facts) return undefined;
    // `import x from './cjs'` and `require('./esm')` meet halfway: default ↔ module.exports.
    const names = name === 'default' ? ['default', '='] : name === '*' ? ['=', 'default'] : [name];
    for (const wanted of names) {
      for (const exp of facts.exports) {
        if (exp.name !== wanted) continue;
        if (exp.from !== undefined) {
          const target = this.resolveModule(file, exp.from);
          if (!target) return isRelative(exp.from) ? undefined : { kind: 'external', module: exp.from, imported: exp.fromName ?? wanted };
          return this.resolveExport(target, exp.fromName ?? wanted, depth + 1);
        }
        if (exp.local) {
          const local = this.lookup(file, exp.local, TOP_LEVEL, depth + 1);
          if (local) return local;
        }
        if (exp.expr?.k === 'fn') return { kind: 'function', file, fn: exp.expr.fn };
        if (exp.expr) return { kind: 'decl', file, decl: { fn: TOP_LEVEL, kind: 'const', name: undefined, names: [], init: exp.expr, exported: true, span: exp.span }, path: [] };
      }
    }
    // `module.exports = { create, remove }` answers named imports.
    if (name !== 'default' && name !== '*' && name !== '=') {
      const whole = facts.exports.find((e) => e.name === '=');
      const obj = whole?.expr?.k === 'obj' ? whole.expr : undefined;
      const prop = obj?.props.find((p) => p.key === name);
      if (prop) {
        if (prop.value.k === 'id') return this.lookup(file, prop.value.name, TOP_LEVEL, depth + 1);
        if (prop.value.k === 'fn') return { kind: 'function', file, fn: prop.value.fn };
      }
      for (const exp of facts.exports) {
        if (exp.name !== '*' || exp.from === undefined) continue;
        const target = this.resolveModule(file, exp.from);
        const found = target ? this.resolveExport(target, name, depth + 1) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- values

  /**
   * What `expr` (seen from `fnScope` of `file`) denotes: a function, a member of an external
   * module, or the expression a variable was initialized with.
   */
  evaluate(file: string, expr: Expr, fnScope: FnId, depth = 0): Value {
    if (depth > MAX_RESOLVE_DEPTH) return { kind: 'unknown', reason: 'resolution too deep' };
    switch (expr.k) {
      case 'fn':
        return { kind: 'function', file, fn: expr.fn };
      case 'id': {
        const binding = this.lookup(file, expr.name, fnScope);
        return binding ? this.valueOfBinding(binding, depth + 1) : { kind: 'unknown', reason: `'${expr.name}' is not defined in the project` };
      }
      case 'member': {
        const base = this.evaluate(file, expr.object, fnScope, depth + 1);
        if (base.kind === 'external') return { kind: 'external', module: base.module, path: [...base.path, expr.name] };
        if (base.kind === 'module') return this.namespaceMember(base.file, expr.name) ?? { kind: 'unknown', reason: `'${expr.name}' is not exported` };
        if (base.kind === 'expr') {
          const member = this.memberOf(base, expr.name, depth + 1);
          if (member) return member;
        }
        return { kind: 'expr', file, fnScope, expr };
      }
      case 'call': {
        // `require('m')` inline: `require('express').Router`, `require('./routes')(app)`.
        const arg = expr.args[0];
        if (expr.callee.k === 'id' && expr.callee.name === 'require' && arg?.k === 'str' && !this.lookup(file, 'require', fnScope)) {
          const target = this.resolveModule(file, arg.value);
          if (target) {
            const whole = this.resolveExport(target, '*');
            return whole ? this.valueOfBinding(whole, depth + 1) : { kind: 'module', file: target };
          }
          return isRelative(arg.value) ? { kind: 'unknown', reason: `cannot resolve '${arg.value}'` } : { kind: 'external', module: arg.value, path: [] };
        }
        return { kind: 'expr', file, fnScope, expr };
      }
      default:
        return { kind: 'expr', file, fnScope, expr };
    }
  }

  private memberOf(base: Extract<Value, { kind: 'expr' }>, name: string, depth: number): Value | undefined {
    const e = base.expr;
    if (e.k === 'obj') {
      const prop = e.props.find((p) => p.key === name && !p.spread);
      if (prop) return this.evaluate(base.file, prop.value, base.fnScope, depth);
    }
    return undefined;
  }

  valueOfBinding(binding: Binding, depth = 0): Value {
    switch (binding.kind) {
      case 'function':
        return { kind: 'function', file: binding.file, fn: binding.fn };
      case 'external':
        return { kind: 'external', module: binding.module, path: binding.imported === '*' || binding.imported === 'default' ? [] : binding.imported.split('.') };
      case 'module':
        return { kind: 'module', file: binding.file };
      case 'unresolved':
        return { kind: 'unknown', reason: `cannot resolve '${binding.imported}' from '${binding.source}'` };
      case 'param':
        return { kind: 'unknown', reason: 'a parameter' };
      case 'decl': {
        const init = binding.decl.init;
        if (!init) return { kind: 'unknown', reason: 'declared without a value' };
        let value = this.evaluate(binding.file, unwrapAssign(init), binding.decl.fn, depth + 1);
        for (const key of binding.path) {
          if (value.kind === 'external') value = { kind: 'external', module: value.module, path: [...value.path, key] };
          else if (value.kind === 'module') value = this.namespaceMember(value.file, key) ?? { kind: 'unknown', reason: `'${key}' is not exported` };
          else if (value.kind === 'expr') value = this.memberOf(value, key, depth + 1) ?? { kind: 'unknown', reason: `member '${key}'` };
          else return { kind: 'unknown', reason: `member '${key}'` };
        }
        return value;
      }
    }
  }

  /** Exports of a project module addressed as a namespace (`import * as c`, `require('./c')`). */
  namespaceMember(file: string, name: string): Value | undefined {
    const binding = this.resolveExport(file, name);
    return binding ? this.valueOfBinding(binding) : undefined;
  }

  /** Every function nested (at any depth) inside `fn`, plus `fn` itself. */
  functionAndDescendants(file: string, fn: FnId): Set<FnId> {
    const facts = this.get(file);
    if (!facts) return new Set<FnId>([fn]);
    // Functions are numbered in walk order, so descendants follow their ancestor: found through
    // the children lists (not a scan of every later function, quadratic in a big route file),
    // then put in id order.
    const children = childrenOf(facts);
    const found: FnId[] = [];
    const stack = [fn];
    while (stack.length > 0) {
      for (const child of children.get(stack.pop()!) ?? []) {
        if (child <= fn) continue;
        found.push(child);
        stack.push(child);
      }
    }
    found.sort((a, b) => a - b);
    return new Set<FnId>([fn, ...found]);
  }
}

const childrenIndex = new WeakMap<FileFacts, Map<FnId, FnId[]>>();

function childrenOf(facts: FileFacts): Map<FnId, FnId[]> {
  let children = childrenIndex.get(facts);
  if (!children) {
    children = groupBy(facts.functions, (f) => f.parent, (f) => f.id);
    childrenIndex.set(facts, children);
  }
  return children;
}

export function unwrapAssign(expr: Expr): Expr {
  let e = expr;
  for (let i = 0; i < 8 && (e.k === 'assign' || e.k === 'await'); i++) e = e.k === 'assign' ? e.value : e.expr;
  return e;
}

function isRelative(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/');
}

/** `a.b.c` for an expression chain; undefined when it is not a plain chain. */
export function exprPath(expr: Expr): string[] | undefined {
  const out: string[] = [];
  let e: Expr = expr;
  for (let i = 0; i < 32; i++) {
    if (e.k === 'member') {
      out.unshift(e.name);
      e = e.object;
    } else if (e.k === 'id') {
      out.unshift(e.name);
      return out;
    } else if (e.k === 'this') {
      out.unshift('this');
      return out;
    } else return undefined;
  }
  return undefined;
}

/** Source-like text of a callee for messages and name matching: `passport.authenticate`, `requireRole`. */
export function exprName(expr: Expr): string {
  if (expr.k === 'call') return exprName(expr.callee);
  if (expr.k === 'await') return exprName(expr.expr);
  const p = exprPath(expr);
  return p ? p.join('.') : expr.k === 'fn' ? '<inline function>' : `<${expr.k}>`;
}
