/**
 * "The code a route runs", read from file facts only (rules get no project index): the handler
 * with the functions nested in it, the project's own middleware on its chain, and the project
 * helpers those call (same file, or imported by a relative path), depth-bounded. Library calls are
 * resolved with ./calls (imports of the call's own file); `packageOf` adds the hop through an
 * instance (`const stripe = new Stripe(key)`).
 */
import type { CallSite, Expr, FileFacts, FnId, Guard, MemberRead, Span, SwitchStmt } from '../../analyzer/model/ir';
import type { Location, Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import path from 'node:path';
import { calleeName as calleeNameOf, callWithSpan, descendantsOf, findLocalDecl, importOf, resolveModuleMember, resolveValue, type ModuleMember } from './calls';
import { groupBy } from '../../analyzer/util/group-by';

/** A function of one file with the functions nested in it. */
export interface CodeUnit {
  file: string;
  facts: FileFacts;
  /** The unit's own function; `fns` adds the functions nested in it. */
  fn: FnId;
  fns: ReadonlySet<FnId>;
  /** Why this code is part of the route: 'handler', 'middleware' or 'helper'. */
  origin: 'handler' | 'middleware' | 'helper';
  /** Parts of the function that serve other routes (`Route.handlerFn.exclude`): their code is left out. */
  exclude?: readonly Span[];
}

const MAX_HELPER_DEPTH = 2;
const MAX_UNITS = 24;

/** The function whose span is exactly `span` (middleware definitions are recorded that way). */
export function functionWithSpan(facts: FileFacts, span: { start: number; end: number }): FnId | undefined {
  let byStart = functionsBySpan.get(facts);
  if (!byStart) {
    byStart = groupBy(facts.functions, (f) => f.span.start, (f) => f.id);
    functionsBySpan.set(facts, byStart);
  }
  return byStart.get(span.start)?.find((id) => facts.functions[id]!.span.end === span.end);
}

const functionsBySpan = new WeakMap<FileFacts, Map<number, FnId[]>>();

/** `a.b.c` → ['a', 'b', 'c']; undefined when the chain is not rooted at an identifier. */
export function memberChain(expr: Expr): string[] | undefined {
  // Walked down to the root, then reversed: one array per chain.
  const out: string[] = [];
  let cur = expr;
  for (let depth = 0; depth <= 16; depth++) {
    if (cur.k === 'id' || cur.k === 'this') {
      out.push(cur.k === 'id' ? cur.name : 'this');
      return out.reverse();
    }
    if (cur.k === 'member') {
      out.push(cur.name);
      cur = cur.object;
    } else if (cur.k === 'index' && cur.index.k === 'str') {
      out.push(cur.index.value);
      cur = cur.object;
    } else if (cur.k === 'call') {
      // `new Webhook(secret).verify(...)` and `headers().get(...)`: look through the call.
      cur = cur.callee;
    } else if (cur.k === 'await') cur = cur.expr;
    else return undefined;
  }
  return undefined;
}

/** The last name of a callee: `stripe.webhooks.constructEvent(…)` → 'constructEvent'. */
export function calleeName(call: Extract<Expr, { k: 'call' }>): string {
  return calleeNameOf(call) ?? '';
}

/**
 * The package member an expression reaches, like `resolveModuleMember`, and also through an
 * instance made by that package: `stripe.webhooks.constructEvent` with `const stripe = new
 * Stripe(key)` gives { module: 'stripe', path: ['webhooks', 'constructEvent'] }; `upload.single`
 * with `const upload = multer(…)` gives { module: 'multer', path: ['single'] }.
 */
export function packageOf(facts: FileFacts, expr: Expr, fn: FnId = -1, depth = 0): ModuleMember | undefined {
  const direct = resolveModuleMember(facts, expr, fn);
  // A project module is not a package: what it exports is read with `resolveValue` instead.
  if (direct) return /^(\.|\/|@\/|~\/|#)/.test(direct.module) ? undefined : direct;
  if (depth > 3) return undefined;
  // `new Webhook(secret).verify`, `Stripe(key).webhooks`: a member of what a package call makes.
  if (expr.k === 'member' && expr.object.k === 'call') {
    const made = packageOf(facts, expr.object.callee, fn, depth + 1);
    return made ? { module: made.module, path: [...made.path, expr.name] } : undefined;
  }
  if (expr.k === 'member' && expr.object.k === 'member') {
    const base = packageOf(facts, expr.object, fn, depth + 1);
    return base ? { module: base.module, path: [...base.path, expr.name] } : undefined;
  }
  const chain = memberChain(expr);
  if (!chain || expr.k === 'call') return undefined;
  const local = findLocalDecl(facts, chain[0]!, fn);
  const init = local?.decl.init && local.path.length === 0 ? (local.decl.init.k === 'await' ? local.decl.init.expr : local.decl.init) : undefined;
  if (init?.k !== 'call') return undefined;
  const made = packageOf(facts, init.callee, local!.decl.fn, depth + 1);
  return made ? { module: made.module, path: [...made.path, ...chain.slice(1)] } : undefined;
}

/**
 * `verify(…)` / `sig.verify(…)` where the name is imported from a project file, also through
 * `const { verify } = require('./sig')` (which `resolveValue` reads as a local declaration and
 * does not follow): the function the target file exports under that name.
 */
function importedFunction(ctx: RuleContext, facts: FileFacts, callee: Expr): { file: string; fn: FnId } | undefined {
  const chain = memberChain(callee);
  if (!chain || chain.length > 2) return undefined;
  const origin = importOf(facts, chain[0]!);
  if (!origin || !origin.source.startsWith('.')) return undefined;
  const target = resolveRelative(ctx, facts.path, origin.source);
  const other = target ? ctx.files.get(target) : undefined;
  if (!other) return undefined;
  const whole = origin.imported === 'default' || origin.imported === '*';
  const wanted = chain.length === 2 ? (whole ? chain[1]! : undefined) : whole ? undefined : origin.imported;
  if (!wanted) return undefined;
  const exp = other.exports.find((e) => e.name === wanted && !e.from);
  if (exp?.expr?.k === 'fn') return { file: other.path, fn: exp.expr.fn };
  const local = exp?.local ?? wanted;
  const fn = other.functions.find((f) => f.name === local && f.parent === -1)?.id ?? other.decls.find((d) => d.fn === -1 && d.name === local && d.init?.k === 'fn')?.init;
  if (typeof fn === 'number') return { file: other.path, fn };
  return fn && fn.k === 'fn' ? { file: other.path, fn: fn.fn } : undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** A relative specifier to an analyzed project file (answered once per run per directory and specifier). */
function resolveRelative(ctx: RuleContext, fromFile: string, source: string): string | undefined {
  let perRun = relativeCache.get(ctx.model);
  if (!perRun) relativeCache.set(ctx.model, (perRun = new Map()));
  const key = `${path.posix.dirname(fromFile)}\0${source}`;
  let hit = perRun.get(key);
  if (hit === undefined) perRun.set(key, (hit = resolveRelativeUncached(ctx, fromFile, source) ?? null));
  return hit ?? undefined;
}

// Per run: the set of files can change between runs of a language-server session.
const relativeCache = new WeakMap<RuleContext['model'], Map<string, string | null>>();

function resolveRelativeUncached(ctx: RuleContext, fromFile: string, source: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), source));
  const stripped = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  return candidates.find((c) => ctx.files.has(c));
}

const calleePackageCache = new WeakMap<FileFacts, Map<number, ModuleMember | null>>();

/** `packageOf` of a call's callee, remembered per call (several rules ask for every call of every handler). */
export function calleePackage(facts: FileFacts, call: CallSite): ModuleMember | undefined {
  let perFile = calleePackageCache.get(facts);
  if (!perFile) calleePackageCache.set(facts, (perFile = new Map()));
  const key = call.expr.span.start;
  let hit = perFile.get(key);
  if (hit === undefined) {
    hit = packageOf(facts, call.expr.callee, call.fn) ?? null;
    perFile.set(key, hit);
  }
  return hit ?? undefined;
}

// Keyed by the run's model: a target lives in another file, whose facts may change between runs
// of a language-server session while this file's facts object stays the same.
const calleeTargetCache = new WeakMap<RuleContext['model'], Map<FileFacts, Map<number, { file: string; fn: FnId } | null>>>();

/** `calleeTarget`, remembered per call for one run: helpers shared by many routes are resolved once. */
function cachedCalleeTarget(ctx: RuleContext, facts: FileFacts, call: CallSite): { file: string; fn: FnId } | undefined {
  let perRun = calleeTargetCache.get(ctx.model);
  if (!perRun) calleeTargetCache.set(ctx.model, (perRun = new Map()));
  let perFile = perRun.get(facts);
  if (!perFile) perRun.set(facts, (perFile = new Map()));
  let hit = perFile.get(call.expr.span.start);
  if (hit === undefined) {
    hit = calleeTarget(ctx, facts, call) ?? null;
    perFile.set(call.expr.span.start, hit);
  }
  return hit ?? undefined;
}

/** The project function a call goes to, when the file's names and relative imports can tell. */
function calleeTarget(ctx: RuleContext, facts: FileFacts, call: CallSite): { file: string; fn: FnId } | undefined {
  const callee = call.expr.callee;
  if (callee.k !== 'id' && callee.k !== 'member') return undefined;
  const imported = importedFunction(ctx, facts, callee);
  if (imported) return imported;
  const value = resolveValue(ctx, facts.path, callee, call.fn);
  if (value.expr.k === 'fn') return { file: value.file, fn: value.expr.fn };
  // `authService.login()` / `this.login()` with the method written in this file.
  if (callee.k === 'member') {
    const fn = methodNamed(facts, callee.name);
    if (fn !== undefined) return { file: facts.path, fn };
  }
  return undefined;
}

const methodsByName = new WeakMap<FileFacts, Map<string, FnId>>();

/** The first method of the file with this name (indexed: asked for every member call of every route). */
function methodNamed(facts: FileFacts, name: string): FnId | undefined {
  let byName = methodsByName.get(facts);
  if (!byName) {
    byName = new Map();
    for (const f of facts.functions) if (f.kind === 'method' && f.name !== undefined && !byName.has(f.name)) byName.set(f.name, f.id);
    methodsByName.set(facts, byName);
  }
  return byName.get(name);
}

// Per run (the model is built anew by every run) and per route.
const cache = new WeakMap<RuleContext['model'], WeakMap<Route, CodeUnit[]>>();

/** Per route's code: the units whose calls `routeCode` resolved, and (built when first asked) the keys of those calls. */
const resolvedCalls = new WeakMap<readonly CodeUnit[], { ctx: RuleContext; expanded: CodeUnit[]; keys?: Set<string> }>();

/**
 * True when `routeCode` followed this call into project code (so its body is among the units);
 * false for library calls and for calls it could not resolve.
 */
export function isFollowedCall(units: readonly CodeUnit[], unit: CodeUnit, call: CallSite): boolean {
  const resolved = resolvedCalls.get(units);
  if (!resolved) return false;
  // Few routes ask (webhook handlers): the keys are built on demand, from the same per-run answers.
  if (!resolved.keys) {
    resolved.keys = new Set();
    for (const u of resolved.expanded) {
      for (const c of unitItems(u, 'calls')) if (cachedCalleeTarget(resolved.ctx, u.facts, c)) resolved.keys.add(`${u.file}:${c.expr.span.start}`);
    }
  }
  return resolved.keys.has(`${unit.file}:${call.expr.span.start}`);
}

/**
 * The code that runs for a route: its handler (with nested functions), the project middleware on
 * its chain, and the project helpers they call, up to two calls deep.
 */
export function routeCode(ctx: RuleContext, route: Route): CodeUnit[] {
  let perRun = cache.get(ctx.model);
  if (!perRun) cache.set(ctx.model, (perRun = new WeakMap()));
  const cached = perRun.get(route);
  if (cached) return cached;
  const units: CodeUnit[] = [];
  const seen = new Set<string>();
  const expanded: CodeUnit[] = [];
  resolvedCalls.set(units, { ctx, expanded });
  const add = (file: string, fn: FnId, origin: CodeUnit['origin'], depth: number, exclude?: readonly Span[]): void => {
    const key = `${file}:${fn}`;
    if (seen.has(key) || units.length >= MAX_UNITS) return;
    seen.add(key);
    const facts = ctx.files.get(file);
    if (!facts || !facts.functions[fn]) return;
    const fns = descendantsOf(facts, fn);
    const unit: CodeUnit = exclude && exclude.length > 0 ? { file, facts, fn, fns, origin, exclude } : { file, facts, fn, fns, origin };
    units.push(unit);
    if (depth >= MAX_HELPER_DEPTH) return;
    expanded.push(unit);
    for (const call of unitItems(unit, 'calls')) {
      const target = cachedCalleeTarget(ctx, facts, call);
      if (target && (target.file !== file || !fns.has(target.fn))) add(target.file, target.fn, 'helper', depth + 1);
    }
  };
  if (route.handlerFn) add(route.handlerFn.file, route.handlerFn.fn, 'handler', 0, route.handlerFn.exclude);
  for (const mw of route.chain) {
    if (mw.definition) {
      const facts = ctx.files.get(mw.definition.file);
      const fn = facts ? functionWithSpan(facts, mw.definition.span) : undefined;
      if (fn !== undefined) add(mw.definition.file, fn, 'middleware', 0);
      continue;
    }
    // Library middleware configured with the project's callbacks, e.g. the raw-body signature
    // check in `express.json({ verify: (req, res, buf) => … })`.
    const facts = ctx.files.get(mw.at.file);
    const call = facts ? callWithSpan(facts, mw.at.span) : undefined;
    if (call) for (const fn of inlineFunctions(call.expr.args)) add(mw.at.file, fn, 'middleware', 0);
  }
  perRun.set(route, units);
  return units;
}

/** Functions written inline in call arguments, also as option values (`{ verify(req, res, buf) {…} }`). */
function inlineFunctions(args: readonly Expr[], depth = 0): FnId[] {
  const out: FnId[] = [];
  for (const arg of args) {
    if (arg.k === 'fn') out.push(arg.fn);
    else if (arg.k === 'obj' && depth < 2) out.push(...inlineFunctions(arg.props.map((p) => p.value), depth + 1));
  }
  return out;
}

type ByFnKey = 'calls' | 'reads' | 'guards' | 'switches' | 'returns' | 'decls';
type ByFnItem<K extends ByFnKey> = FileFacts[K][number];

// Facts of a file grouped by function, built once per file and run: rules look at one handler's
// calls for every route, and scanning the whole file each time is quadratic in big route files.
const byFnCache = new WeakMap<FileFacts, Map<ByFnKey, Map<FnId, unknown[]>>>();

/**
 * The items of `facts[key]` that belong to the functions `fns`, in file order per function. Shared
 * between callers asking with the same set (a helper's or middleware's code is read for every route
 * that runs it): do not modify the list.
 */
export function inFns<K extends ByFnKey>(facts: FileFacts, key: K, fns: ReadonlySet<FnId>): readonly ByFnItem<K>[] {
  let perFile = inFnsCache.get(facts);
  if (!perFile) inFnsCache.set(facts, (perFile = new WeakMap()));
  let perSet = perFile.get(fns);
  if (!perSet) perFile.set(fns, (perSet = new Map()));
  let items = perSet.get(key) as readonly ByFnItem<K>[] | undefined;
  if (!items) perSet.set(key, (items = collectInFns(facts, key, fns)));
  return items;
}

const inFnsCache = new WeakMap<FileFacts, WeakMap<ReadonlySet<FnId>, Map<ByFnKey, readonly unknown[]>>>();

function collectInFns<K extends ByFnKey>(facts: FileFacts, key: K, fns: ReadonlySet<FnId>): readonly ByFnItem<K>[] {
  let perFile = byFnCache.get(facts);
  if (!perFile) byFnCache.set(facts, (perFile = new Map()));
  let index = perFile.get(key);
  if (!index) {
    index = new Map();
    for (const item of facts[key] as { fn: FnId }[]) {
      const list = index.get(item.fn);
      if (list) list.push(item);
      else index.set(item.fn, [item]);
    }
    perFile.set(key, index);
  }
  // A unit of one function (most handlers and middleware) reads that function's list itself.
  if (fns.size === 1) for (const fn of fns) return (index.get(fn) ?? NO_ITEMS) as readonly ByFnItem<K>[];
  const out: ByFnItem<K>[] = [];
  for (const fn of fns) out.push(...((index.get(fn) ?? []) as ByFnItem<K>[]));
  return out;
}

const NO_ITEMS: readonly never[] = [];

/** The items of a unit's functions, without those inside its excluded spans (shared: do not modify). */
export function unitItems<K extends ByFnKey>(unit: CodeUnit, key: K): readonly ByFnItem<K>[] {
  const items = inFns(unit.facts, key, unit.fns);
  const exclude = unit.exclude;
  if (!exclude) return items;
  let perUnit = excludedItems.get(unit);
  if (!perUnit) excludedItems.set(unit, (perUnit = new Map()));
  let kept = perUnit.get(key) as ByFnItem<K>[] | undefined;
  if (!kept) perUnit.set(key, (kept = withoutExcluded(items, key, exclude)));
  return kept;
}

const excludedItems = new WeakMap<CodeUnit, Map<ByFnKey, unknown[]>>();

function withoutExcluded<K extends ByFnKey>(items: readonly ByFnItem<K>[], key: K, exclude: readonly Span[]): ByFnItem<K>[] {
  return items.filter((item) => {
    const span = 'expr' in item && key === 'calls' ? (item as CallSite).expr.span : (item as { span: Span }).span;
    return !exclude.some((x) => x.start <= span.start && span.end <= x.end);
  });
}

/** Every call made in the units, with the unit it belongs to. */
export function* callsIn(units: readonly CodeUnit[]): Generator<{ unit: CodeUnit; call: CallSite }> {
  for (const unit of units) for (const call of unitItems(unit, 'calls')) yield { unit, call };
}

export function* readsIn(units: readonly CodeUnit[]): Generator<{ unit: CodeUnit; read: MemberRead }> {
  for (const unit of units) for (const read of unitItems(unit, 'reads')) yield { unit, read };
}

export function* guardsIn(units: readonly CodeUnit[]): Generator<{ unit: CodeUnit; guard: Guard }> {
  for (const unit of units) for (const guard of unitItems(unit, 'guards')) yield { unit, guard };
}

export function* switchesIn(units: readonly CodeUnit[]): Generator<{ unit: CodeUnit; sw: SwitchStmt }> {
  for (const unit of units) for (const sw of unitItems(unit, 'switches')) yield { unit, sw };
}

export function locationOf(unit: CodeUnit, span: { start: number; end: number }): Location {
  return { file: unit.file, span };
}

/**
 * Header names a unit reads: `req.headers['stripe-signature']`, `req.get('x-hub-signature-256')`,
 * `req.header(…)`, `request.headers.get(…)` (Fetch API). Lower-cased, with where each is read.
 */
export function headerReads(units: readonly CodeUnit[]): readonly { name: string; at: Location }[] {
  // A route's units are one array per run (`routeCode`), asked by several rules: read once.
  let out = headerReadsCache.get(units);
  if (!out) headerReadsCache.set(units, (out = readHeaders(units)));
  return out;
}

const headerReadsCache = new WeakMap<readonly CodeUnit[], readonly { name: string; at: Location }[]>();

function readHeaders(units: readonly CodeUnit[]): { name: string; at: Location }[] {
  const out: { name: string; at: Location }[] = [];
  // Member reads of every unit first, then calls, as the reading order of messages expects.
  for (const unit of units) out.push(...unitHeaders(unit).reads);
  for (const unit of units) out.push(...unitHeaders(unit).calls);
  return out;
}

interface UnitHeaders {
  reads: readonly { name: string; at: Location }[];
  calls: readonly { name: string; at: Location }[];
}

// A middleware's or helper's code is part of many routes: its header reads are found once per
// facts and set of functions (a unit with excluded spans, once per unit).
const headersByFns = new WeakMap<FileFacts, WeakMap<ReadonlySet<FnId>, UnitHeaders>>();
const headersByUnit = new WeakMap<CodeUnit, UnitHeaders>();

function unitHeaders(unit: CodeUnit): UnitHeaders {
  if (unit.exclude) {
    let known = headersByUnit.get(unit);
    if (!known) headersByUnit.set(unit, (known = findUnitHeaders(unit)));
    return known;
  }
  let perFile = headersByFns.get(unit.facts);
  if (!perFile) headersByFns.set(unit.facts, (perFile = new WeakMap()));
  let known = perFile.get(unit.fns);
  if (!known) perFile.set(unit.fns, (known = findUnitHeaders(unit)));
  return known;
}

function findUnitHeaders(unit: CodeUnit): UnitHeaders {
  const reads: { name: string; at: Location }[] = [];
  const calls: { name: string; at: Location }[] = [];
  for (const read of unitItems(unit, 'reads')) {
    const i = read.path.indexOf('headers');
    const name = i >= 0 ? read.path[i + 1] : undefined;
    if (name && name !== 'get') reads.push({ name: name.toLowerCase(), at: locationOf(unit, read.span) });
  }
  for (const call of unitItems(unit, 'calls')) {
    const arg = call.expr.args[0];
    if (arg?.k !== 'str') continue;
    const name = calleeName(call.expr);
    if (!/^(get|header|getHeader)$/.test(name)) continue;
    const chain = call.expr.callee.k === 'member' ? memberChain(call.expr.callee.object) : undefined;
    // `req.get('x')`, `req.header('x')`, `request.headers.get('x')`, `headers().get('x')`.
    if (chain && (chain.length === 1 || chain[chain.length - 1] === 'headers')) calls.push({ name: arg.value.toLowerCase(), at: locationOf(unit, call.expr.span) });
  }
  return { reads, calls };
}

/** Identifiers, member names and string literals in an expression, lower-cased (depth-bounded). */
export function exprWordsOf(expr: Expr | undefined, out: string[] = [], depth = 0): string[] {
  if (!expr || depth > 10) return out;
  const d = depth + 1;
  switch (expr.k) {
    case 'id':
      out.push(expr.name.toLowerCase());
      break;
    case 'str':
      out.push(expr.value.toLowerCase());
      break;
    case 'member':
      out.push(expr.name.toLowerCase());
      exprWordsOf(expr.object, out, d);
      break;
    case 'index':
      exprWordsOf(expr.object, out, d);
      exprWordsOf(expr.index, out, d);
      break;
    case 'call':
      exprWordsOf(expr.callee, out, d);
      for (const a of expr.args) exprWordsOf(a, out, d);
      break;
    case 'await':
    case 'unary':
    case 'spread':
      exprWordsOf(expr.expr, out, d);
      break;
    case 'bin':
      exprWordsOf(expr.left, out, d);
      exprWordsOf(expr.right, out, d);
      break;
    case 'cond':
      exprWordsOf(expr.then, out, d);
      exprWordsOf(expr.else, out, d);
      break;
    case 'tpl':
      for (const e of expr.exprs) exprWordsOf(e, out, d);
      break;
    default:
      break;
  }
  return out;
}
