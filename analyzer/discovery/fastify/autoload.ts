/**
 * `@fastify/autoload`: which files it registers, with which prefixes and which autohooks, read
 * from its options and the project's file list — the same walk the plugin does at boot
 * (lib/find-plugins.js and index.js of @fastify/autoload 6):
 *
 * - every script in `dir` is a plugin, registered in the context autoload is registered in
 *   (autoload itself is not encapsulated); a folder with an `index` file registers only that
 *   file from the folder (its subfolders are still walked);
 * - a file in a subfolder gets the folder path as prefix (`routes/users/x.ts` → `/users`), unless
 *   `dirNameRoutePrefix: false`; `options.prefix` goes in front; a file's `autoPrefix` export
 *   replaces the folder part and `prefixOverride` replaces all of it; `routeParams` turns `_id`
 *   folders into `:id`;
 * - with `autoHooks`, an `autohooks` file applies to the plugins of its own folder (and, with
 *   `cascadeHooks`, to those of the subfolders): the folder's plugins are registered inside one
 *   encapsulated plugin that first registers the hooks file without encapsulation.
 */
import path from 'node:path';
import type { Expr, FnId } from '../../model/ir';
import type { ProjectIndex } from '../project-index';
import { constBool, constNumber, constString, resolveObject } from './values';

const SCRIPT = /\.(ts|js|cjs|mjs|cts|mts)$/i;
const DECLARATION = /\.d\.(ts|cts|mts)$/i;
const DEFAULT_INDEX = /^index\.(ts|js|cjs|mjs|cts|mts)$/i;
const DEFAULT_AUTOHOOKS = /^[_.]?auto_?hooks\.(ts|js|cjs|mjs|cts|mts)$/i;
/** Test files beside route files are excluded by projects through `ignorePattern`; they are never route plugins. */
const TEST_FILE = /(\.|_)(test|spec)\.[cm]?[jt]sx?$|(^|\/)__tests__\//;

export interface AutoloadPlugin {
  file: string;
  /** The folder part of the prefix (`/users` for `routes/users/x.ts`), before `autoPrefix` and `options.prefix`. */
  dirPrefix: string;
}

export interface AutoloadNode {
  /** The folder, project-relative. */
  dir: string;
  hooks: string[];
  plugins: AutoloadPlugin[];
}

export interface AutoloadPlan {
  dir: string | undefined;
  /** `options.prefix`, put in front of every plugin's prefix. */
  optionsPrefix: string;
  /** `routeParams: true`: `_id` folders become `:id`. */
  routeParams: boolean;
  nodes: AutoloadNode[];
  /** Autoload's `encapsulate: false`: every plugin shares the parent context. */
  encapsulate: boolean;
  notes: string[];
}

interface Options {
  dir: string;
  prefix: string;
  autoHooks: boolean;
  cascadeHooks: boolean;
  overwriteHooks: boolean;
  dirNameRoutePrefix: boolean;
  routeParams: boolean;
  indexPattern: RegExp;
  autoHooksPattern: RegExp;
  ignorePattern: RegExp | undefined;
  matchFilter: ((p: string) => boolean) | undefined;
  ignoreFilter: ((p: string) => boolean) | undefined;
  maxDepth: number;
}

export function planAutoload(index: ProjectIndex, file: string, fnScope: FnId, optionsExpr: Expr | undefined): AutoloadPlan {
  const notes: string[] = [];
  const opts = resolveObject(index, file, fnScope, optionsExpr);
  const prop = (key: string) => opts?.props.get(key);
  const dirProp = prop('dir');
  const dir = dirProp ? resolveDir(index, dirProp.file, dirProp.fnScope, dirProp.value) : undefined;
  if (!dir) return { dir: undefined, optionsPrefix: '', routeParams: false, nodes: [], encapsulate: true, notes: ['@fastify/autoload: its `dir` could not be resolved to a project folder'] };

  const inner = prop('options');
  const innerObj = inner ? resolveObject(index, inner.file, inner.fnScope, inner.value) : undefined;
  const prefixProp = innerObj?.props.get('prefix');
  const bool = (key: string, fallback: boolean): boolean => {
    const p = prop(key);
    return p ? (constBool(index, p.file, p.fnScope, p.value) ?? fallback) : fallback;
  };
  const dirName = prop('dirNameRoutePrefix');
  let dirNameRoutePrefix = true;
  if (dirName) {
    const b = constBool(index, dirName.file, dirName.fnScope, dirName.value);
    if (b === undefined) notes.push('@fastify/autoload: `dirNameRoutePrefix` is a function; folder names are used as prefixes');
    else dirNameRoutePrefix = b;
  }
  const maxDepthProp = prop('maxDepth');
  const options: Options = {
    dir,
    prefix: (prefixProp ? constString(index, prefixProp.file, prefixProp.fnScope, prefixProp.value) : undefined)?.replace(/\/$/, '') ?? '',
    autoHooks: bool('autoHooks', false),
    cascadeHooks: bool('cascadeHooks', false),
    overwriteHooks: bool('overwriteHooks', false),
    dirNameRoutePrefix,
    routeParams: bool('routeParams', false),
    indexPattern: patternOf(index, prop('indexPattern')) ?? DEFAULT_INDEX,
    autoHooksPattern: patternOf(index, prop('autoHooksPattern')) ?? DEFAULT_AUTOHOOKS,
    ignorePattern: patternOf(index, prop('ignorePattern')),
    matchFilter: filterOf(index, prop('matchFilter')),
    ignoreFilter: filterOf(index, prop('ignoreFilter')),
    maxDepth: (maxDepthProp ? constNumber(index, maxDepthProp.file, maxDepthProp.fnScope, maxDepthProp.value) : undefined) ?? Infinity,
  };
  if (prefixProp && !constString(index, prefixProp.file, prefixProp.fnScope, prefixProp.value)) notes.push('@fastify/autoload: `options.prefix` is not a constant');

  const tree = listTree(index, dir);
  const base = { dir, optionsPrefix: options.prefix, routeParams: options.routeParams, encapsulate: bool('encapsulate', true) };
  if (!tree) return { ...base, nodes: [], notes: [...notes, `@fastify/autoload: no project files under '${dir}'`] };
  const nodes: AutoloadNode[] = [];
  walk(tree, dir, undefined, 0, [], options, nodes);
  return { ...base, nodes, notes };
}

/**
 * The prefix autoload registers a file with (index.js `handlePrefixConfig`): `options.prefix`,
 * then the file's `autoPrefix` or else its folder part; `prefixOverride` replaces everything.
 */
export function autoloadPrefix(plan: AutoloadPlan, plugin: AutoloadPlugin, autoPrefix: string | undefined, prefixOverride: string | undefined): string {
  let prefix = prefixOverride ?? plan.optionsPrefix + (autoPrefix ?? plugin.dirPrefix).replace(/\/+/g, '/');
  if (plan.routeParams) prefix = prefix.includes('__') ? prefix.replace(/__/g, ':') : prefix.replace(/\/_/g, '/:');
  return prefix;
}

interface DirTree {
  files: string[];
  dirs: Map<string, DirTree>;
}

function listTree(index: ProjectIndex, dir: string): DirTree | undefined {
  const root: DirTree = { files: [], dirs: new Map() };
  const base = dir === '' ? '' : `${dir}/`;
  let any = false;
  for (const file of index.files.keys()) {
    if (!file.startsWith(base)) continue;
    const rel = file.slice(base.length);
    const parts = rel.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let next = node.dirs.get(part);
      if (!next) node.dirs.set(part, (next = { files: [], dirs: new Map() }));
      node = next;
    }
    node.files.push(parts[parts.length - 1]!);
    any = true;
  }
  return any ? root : undefined;
}

/** Pre-order, entries sorted by name (autoload follows `readdir` order, which is by name on common file systems). */
function walk(tree: DirTree, dir: string, prefix: string | undefined, depth: number, inheritedHooks: string[], opts: Options, out: AutoloadNode[]): void {
  if (out.length > 500) return;
  const node: AutoloadNode = { dir, hooks: [], plugins: [] };
  out.push(node);
  const names = [...tree.files].sort();
  if (opts.autoHooks) {
    let hooks = [...inheritedHooks];
    const own = names.find((n) => opts.autoHooksPattern.test(n));
    if (own) {
      if (opts.overwriteHooks && hooks.length > 0) hooks = [];
      hooks.push(`${dir}/${own}`);
    }
    node.hooks = hooks;
  }
  const indexFile = names.find((n) => opts.indexPattern.test(n));
  const accept = (name: string) => {
    const file = `${dir}/${name}`;
    const rel = `/${path.posix.relative(opts.dir, file)}`;
    if (opts.matchFilter && !opts.matchFilter(rel)) return;
    if (opts.ignoreFilter?.(rel)) return;
    node.plugins.push({ file, dirPrefix: prefix ?? '' });
  };
  const ignored = (name: string) => opts.ignorePattern?.test(path.posix.relative(opts.dir, `${dir}/${name}`)) ?? false;
  if (indexFile && !ignored(indexFile)) accept(indexFile);
  const entries = [...names.map((n) => ({ name: n, isDir: false })), ...[...tree.dirs.keys()].map((n) => ({ name: n, isDir: true }))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ignored(entry.name)) continue;
    if (entry.isDir) {
      if (depth >= opts.maxDepth || entry.name === 'node_modules' || entry.name === '__tests__') continue;
      const crumb = `${prefix ? `${prefix}/` : '/'}${opts.dirNameRoutePrefix ? entry.name : ''}`;
      walk(tree.dirs.get(entry.name)!, `${dir}/${entry.name}`, crumb.replace(/\/+/g, '/').replace(/\/$/, '') || undefined, depth + 1, opts.autoHooks && opts.cascadeHooks ? node.hooks : [], opts, out);
      continue;
    }
    if (indexFile) continue;
    if (!SCRIPT.test(entry.name) || DECLARATION.test(entry.name) || TEST_FILE.test(`${dir}/${entry.name}`)) continue;
    if (opts.autoHooks && opts.autoHooksPattern.test(entry.name)) continue;
    accept(entry.name);
  }
}

/** A regex literal or a string (as `RegExp(string)`), directly or behind a variable. */
function patternOf(index: ProjectIndex, prop: { value: Expr; file: string; fnScope: FnId } | undefined): RegExp | undefined {
  if (!prop) return undefined;
  let e = prop.value;
  if (e.k === 'id') {
    const v = index.evaluate(prop.file, e, prop.fnScope);
    if (v.kind === 'expr') e = v.expr;
  }
  try {
    if (e.k === 'regex') return new RegExp(e.pattern, e.flags.replace(/[gy]/g, ''));
    if (e.k === 'str') return new RegExp(e.value);
  } catch {
    return undefined;
  }
  return undefined;
}

function filterOf(index: ProjectIndex, prop: { value: Expr; file: string; fnScope: FnId } | undefined): ((p: string) => boolean) | undefined {
  if (!prop) return undefined;
  if (prop.value.k === 'str') {
    const s = prop.value.value;
    return (p) => p.includes(s);
  }
  if (prop.value.k === 'fn') return predicateOf(index, prop.file, prop.value.fn);
  const re = patternOf(index, prop);
  return re ? (p) => re.test(p) : undefined;
}

/** `(path) => /\.route\.ts$/.test(path)`, `(p) => p.endsWith('.route.js')`: a filter function of one test. */
function predicateOf(index: ProjectIndex, file: string, fn: FnId): ((p: string) => boolean) | undefined {
  const facts = index.get(file);
  const fnFacts = facts?.functions[fn];
  const param = fnFacts?.params[0]?.name;
  const body = fnFacts?.exprBody ?? facts?.returns.find((r) => r.fn === fn)?.expr;
  if (!param || body?.k !== 'call' || body.callee.k !== 'member') return undefined;
  const { name, object } = body.callee;
  const arg = body.args[0];
  if (name === 'test' && object.k === 'regex' && arg?.k === 'id' && arg.name === param) {
    try {
      const re = new RegExp(object.pattern, object.flags.replace(/[gy]/g, ''));
      return (p) => re.test(p);
    } catch {
      return undefined;
    }
  }
  if (object.k === 'id' && object.name === param && arg?.k === 'str') {
    const s = arg.value;
    if (name === 'endsWith') return (p) => p.endsWith(s);
    if (name === 'startsWith') return (p) => p.startsWith(s);
    if (name === 'includes') return (p) => p.includes(s);
  }
  return undefined;
}

/**
 * The folder an expression names, relative to the project root: `path.join(__dirname, 'routes')`,
 * `join(import.meta.dirname, 'routes')`, `fileURLToPath(new URL('./routes', import.meta.url))`,
 * `path.resolve(process.cwd(), 'src/routes')`, or a variable holding one (relative to the file
 * that declares it).
 */
export function resolveDir(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const here = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const normalize = (p: string): string | undefined => {
    const n = path.posix.normalize(p === '' ? '.' : p).replace(/\/$/, '');
    if (n.startsWith('..')) return undefined;
    return n === '.' ? '' : n.replace(/^\.\//, '');
  };
  if (expr.k === 'str') return normalize(path.posix.join(here, expr.value));
  if (expr.k === 'id' || expr.k === 'member') {
    if (expr.k === 'id' && expr.name === '__dirname') return normalize(here);
    const v = index.evaluate(file, expr, fnScope);
    if (v.kind === 'expr' && v.expr !== expr) return resolveDir(index, v.file, v.fnScope, v.expr, depth + 1);
    return undefined;
  }
  if (expr.k !== 'call') return undefined;
  const calleeName = expr.callee.k === 'member' ? expr.callee.name : expr.callee.k === 'id' ? expr.callee.name : '';
  if (calleeName === 'fileURLToPath' && expr.args[0]) return resolveDir(index, file, fnScope, expr.args[0], depth + 1);
  if (expr.isNew && calleeName === 'URL' && expr.args[0]?.k === 'str') return normalize(path.posix.join(here, expr.args[0].value));
  if (calleeName === 'join' || calleeName === 'resolve') {
    let current = here;
    for (const arg of expr.args) {
      const s = arg.k === 'str' ? arg.value : constString(index, file, fnScope, arg);
      if (s !== undefined) {
        current = path.posix.join(current, s);
        continue;
      }
      if (arg.k === 'call' && arg.callee.k === 'member' && arg.callee.name === 'cwd') current = '';
      else if (arg.k === 'call' || arg.k === 'id' || arg.k === 'member' || arg.k === 'other') {
        // `__dirname`, `import.meta.dirname`, `dirname(fileURLToPath(import.meta.url))`: this file's folder.
        const inner = arg.k === 'call' || (arg.k === 'id' && arg.name !== '__dirname') ? resolveDir(index, file, fnScope, arg, depth + 1) : undefined;
        current = inner ?? here;
      }
    }
    return normalize(current);
  }
  if (calleeName === 'dirname') return normalize(here);
  return undefined;
}
