/**
 * Incremental rule runs: after an edit, the language server re-evaluates only what the edit can
 * have changed and keeps the previous run's findings for the rest.
 *
 * What is re-evaluated (the scope):
 * - every route that differs from the previous run's route of the same key (path, positions,
 *   chain, mounts, handler facts…) or has no such route — a mount moved, a guard removed, a
 *   handler's facts changed;
 * - every route registered or handled in a file in scope, or whose middleware is defined in a
 *   changed file (its code may read differently even where the route's facts did not change);
 * - every route that had a finding located in a file in scope;
 * - file-level findings in the changed files and in the files of the routes above.
 * Old findings are kept unless they are located in a file in scope or belong to a route in scope.
 *
 * Narrower when every changed source file was edited inside one inline callback (an edit region,
 * engine/edit-region.ts): such a file is in scope only within the region. Its routes are compared
 * with their offsets shifted past the edit, so only those whose registration, handler or
 * middleware reach the region are re-evaluated; its other findings are kept, shifted.
 *
 * A rule whose findings also depend on something project-wide (the auth guard most routes use, a
 * `register(fastifyJwt, { sign })` default) declares it as `projectInputs` and runs whole when it
 * changes (analyzer/engine/run-rules.ts).
 *
 * What the scope can miss: a finding in an untouched file that reads code in a changed file
 * through something neither the route model nor a rule's project inputs record (a constant
 * imported from another file). The language server runs a whole re-evaluation once the editor is
 * quiet, so such a finding is late by that much, never lost.
 */
import type { Finding } from '../model/finding';
import type { HandlerFacts, Location, Middleware, Route, RouteModel } from '../model/route-model';
import type { RunScope } from '../../rules/utils/define-rule';
import { type Span, spanAfterEdit } from '../model/ir';
import { type EditRegion, outside } from './edit-region';
import { carryFingerprint, compareFindings, sortFindings } from './run-rules';
import { RouteIndex } from '../model/route-index';

/** What an incremental run needs to know of the run before it. */
export interface PreviousRun {
  model: RouteModel;
  /** The rules' findings, before suppressions and unused-suppression findings. */
  findings: readonly Finding[];
  /** Each rule's project inputs (see `RuleDefinition.projectInputs`). */
  ruleInputs: ReadonlyMap<string, string>;
}

export interface ScopePlan {
  scope: RunScope;
  /** Route keys (old and new) whose findings are re-evaluated. */
  dirtyKeys: ReadonlySet<string>;
  /** Files of `scope.files` in scope only within their edit region (see the module comment). */
  regions: ReadonlyMap<string, EditRegion>;
  /**
   * Where such a file is in scope, in the old and the new text: the region, and the locations
   * there of the routes in scope (a finding about a route's middleware sits where the middleware
   * is created, which may be outside the region).
   */
  areas: ReadonlyMap<string, RegionArea>;
}

interface RegionArea {
  old: Span[];
  now: Span[];
}

/** True when `span` reaches one of `spans` (ends included, like `outside`). */
function reachesAny(span: Span, spans: readonly Span[]): boolean {
  for (const s of spans) if (!outside(span, s.start, s.end)) return true;
  return false;
}

/** Where a route is: what findings about it are located at. */
function locationsOf(route: Route): Location[] {
  const out: Location[] = [route.registration, ...route.mounts];
  if (route.handler) out.push(route.handler);
  if (route.chainInsertion) out.push(route.chainInsertion);
  for (const mw of route.chain) {
    out.push(mw.at);
    if (mw.definition) out.push(mw.definition);
  }
  return out;
}

/** Beyond this share of the routes, a scoped run saves little over a whole one. */
const MAX_SCOPED_SHARE = 0.5;

/**
 * Where the previous run's offsets are now: unchanged, except in files with an edit region, where
 * offsets past the region moved and spans reaching it have no counterpart.
 */
class Moves {
  constructor(readonly regions: ReadonlyMap<string, EditRegion>) {}

  /** `span` of `file` in the new text; undefined when it reaches the edit. */
  span(file: string, span: Span): Span | undefined {
    const region = this.regions.get(file);
    return region ? spanAfterEdit(span, region) : span;
  }

  sameSpan(file: string, old: Span, now: Span): boolean {
    const region = this.regions.get(file);
    if (!region) return old.start === now.start && old.end === now.end;
    if (!outside(old, region.start, region.oldEnd)) return false;
    const delta = old.start < region.start ? 0 : region.newEnd - region.oldEnd;
    return old.start + delta === now.start && old.end + delta === now.end;
  }

  sameLoc(a: Location | undefined, b: Location | undefined): boolean {
    if (a === b) return true;
    return a !== undefined && b !== undefined && a.file === b.file && this.sameSpan(a.file, a.span, b.span);
  }

  sameFunction(file: string, old: number, now: number): boolean {
    const region = this.regions.get(file);
    return region ? region.functionIds.get(old) === now : old === now;
  }
}

const NO_MOVES = new Moves(new Map());

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

const sameString = (a: string, b: string): boolean => a === b;

function sameMiddleware(a: Middleware, b: Middleware, moves: Moves): boolean {
  return (
    a.name === b.name &&
    a.roleSource === b.roleSource &&
    a.scope === b.scope &&
    a.hook === b.hook &&
    moves.sameLoc(a.at, b.at) &&
    moves.sameLoc(a.definition, b.definition) &&
    sameList(a.roles, b.roles, sameString) &&
    sameList(a.args, b.args, sameString)
  );
}

function sameHandlerFacts(a: HandlerFacts, b: HandlerFacts, moves: Moves): boolean {
  return (
    sameList(a.inputs, b.inputs, sameString) &&
    sameList(a.bodyFields, b.bodyFields, sameString) &&
    sameList(a.credentialOps, b.credentialOps, sameString) &&
    moves.sameLoc(a.authCheck, b.authCheck) &&
    moves.sameLoc(a.roleCheck, b.roleCheck) &&
    moves.sameLoc(a.validation, b.validation) &&
    moves.sameLoc(a.rateLimit, b.rateLimit)
  );
}

/**
 * Whether two routes are the same for every rule: same key, path, positions, chain, mounts and
 * handler facts. Compared field by field (no string built): this runs for every route on every
 * edit. Handler facts are memoized by discovery: the same object unless what they read changed.
 */
export function sameRoute(a: Route, b: Route, moves: Moves = NO_MOVES): boolean {
  if (a === b) return true;
  if (a.key !== b.key || a.path !== b.path || a.method !== b.method || a.framework !== b.framework || a.certainty !== b.certainty) return false;
  if (!moves.sameLoc(a.registration, b.registration) || !moves.sameLoc(a.handler, b.handler) || !moves.sameLoc(a.chainInsertion, b.chainInsertion)) return false;
  if ((a.handlerFn === undefined) !== (b.handlerFn === undefined)) return false;
  if (a.handlerFn && b.handlerFn) {
    const file = a.handlerFn.file;
    if (file !== b.handlerFn.file || !moves.sameFunction(file, a.handlerFn.fn, b.handlerFn.fn)) return false;
    if (!sameList(a.handlerFn.exclude ?? [], b.handlerFn.exclude ?? [], (x, y) => moves.sameSpan(file, x, y))) return false;
  }
  if (!sameList(a.notes, b.notes, sameString) || !sameList(a.mounts, b.mounts, (x, y) => moves.sameLoc(x, y)) || !sameList(a.chain, b.chain, (x, y) => sameMiddleware(x, y, moves))) return false;
  if (a.middlewareCoverage !== b.middlewareCoverage) return false;
  if (a.handlerFacts !== b.handlerFacts) {
    // Not compared by content in general: a memo miss means something the handler's facts were
    // read from changed (a helper in another file), and rules read that code too. With edit
    // regions only, nothing outside the regions changed, and the region is code no handler
    // can call: the facts are compared, offsets shifted. Routes without a handler get fresh
    // empty facts each run.
    if (a.handlerFn !== undefined && moves === NO_MOVES) return false;
    if (!sameHandlerFacts(a.handlerFacts, b.handlerFacts, moves)) return false;
  }
  if (a.bodyLimit !== b.bodyLimit) {
    if (!a.bodyLimit || !b.bodyLimit || a.bodyLimit.bytes !== b.bodyLimit.bytes || a.bodyLimit.source !== b.bodyLimit.source || !moves.sameLoc(a.bodyLimit.at, b.bodyLimit.at)) return false;
  }
  if (a.routeOptions !== b.routeOptions) {
    if (!a.routeOptions || !b.routeOptions || !moves.sameLoc(a.routeOptions.object, b.routeOptions.object) || !moves.sameLoc(a.routeOptions.insertAt, b.routeOptions.insertAt)) return false;
  }
  if (a.serverAction !== b.serverAction && JSON.stringify(a.serverAction) !== JSON.stringify(b.serverAction)) return false;
  return true;
}

/**
 * The part of `model` that `changed` files can affect, given the previous run. Undefined when a
 * whole run is as cheap (most routes are affected) or the previous run is not comparable.
 */
export function planScope(previous: PreviousRun, model: RouteModel, changed: ReadonlySet<string>, regions: ReadonlyMap<string, EditRegion> = new Map()): ScopePlan | undefined {
  const moves = regions.size > 0 ? new Moves(regions) : NO_MOVES;
  // Discovery hands out the same route object while nothing it was built from changed (route
  // objects are never modified): only the other routes are compared, field by field, with the
  // previous run's route of the same key (keys are unique within a run).
  const index = RouteIndex.of(previous.model);
  const diff = index.diff(model.routes);
  const gone = new Set(diff.gone);
  const freshByKey = new Map<string, Route>();
  const freshByFile = new Map<string, Route[]>();
  for (const route of diff.fresh) {
    freshByKey.set(route.key, route);
    for (const file of route.handler && route.handler.file !== route.registration.file ? [route.registration.file, route.handler.file] : [route.registration.file]) {
      const list = freshByFile.get(file);
      if (list) list.push(route);
      else freshByFile.set(file, [route]);
    }
  }
  const nowByKey = (key: string): Route | undefined => {
    const fresh = freshByKey.get(key);
    if (fresh) return fresh;
    const before = index.get(key);
    return before && !gone.has(before) ? before : undefined;
  };
  const findingsIn = fileRanges(previous.findings);

  // A worklist: a dirty route puts its files in scope, a file in scope makes the routes registered
  // or handled there (and those with findings there) dirty, until nothing new is added. A file
  // with an edit region adds only the routes with findings that reach the region: its routes
  // that reach it differ from their old selves, offsets shifted (`moves`).
  const files = new Set<string>();
  const dirtyKeys = new Set<string>();
  const dirtyNew = new Set<Route>();
  const pendingFiles: string[] = [];
  const areas = new Map<string, RegionArea>();
  for (const [file, region] of regions) areas.set(file, { old: [{ start: region.start, end: region.oldEnd }], now: [{ start: region.start, end: region.newEnd }] });
  const addFile = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    pendingFiles.push(file);
  };
  // A dirty route widens the area of a file with a region where it has a location: that file's
  // findings are looked at again there.
  const widen = (route: Route, version: 'old' | 'now'): void => {
    if (areas.size === 0) return;
    for (const loc of locationsOf(route)) {
      const area = areas.get(loc.file);
      if (!area) continue;
      area[version].push(loc.span);
      if (!pendingFiles.includes(loc.file)) pendingFiles.push(loc.file);
    }
  };
  const addOld = (route: Route): void => {
    if (dirtyKeys.has(route.key)) return;
    dirtyKeys.add(route.key);
    markFiles(route);
    widen(route, 'old');
    const now = nowByKey(route.key);
    if (now) addNew(now);
  };
  const addNew = (route: Route): void => {
    if (dirtyNew.has(route)) return;
    dirtyNew.add(route);
    dirtyKeys.add(route.key);
    markFiles(route);
    widen(route, 'now');
  };
  // File-level findings about code that runs for a route (a log call in its middleware, a body
  // parser where it is attached) name it. Not where app-wide middleware is applied (`app.use(x)`
  // in the app's file, before every route): what is found there is about the app, not a route.
  const markFiles = (route: Route): void => {
    addFile(route.registration.file);
    if (route.handler) addFile(route.handler.file);
    for (const mw of route.chain) {
      if (mw.scope !== 'global') addFile(mw.at.file);
      if (mw.definition) addFile(mw.definition.file);
    }
  };
  for (const file of changed) addFile(file);
  for (const route of diff.fresh) {
    const before = index.get(route.key);
    if (!before || !sameRoute(before, route, moves) || usesMiddlewareFrom(route, changed, moves)) {
      if (before) addOld(before);
      addNew(route);
    }
  }
  // Unchanged routes that run middleware defined in a changed file.
  for (const file of changed) {
    for (const route of index.usingMiddlewareFrom(file)) if (!gone.has(route) && usesMiddlewareFrom(route, changed, moves)) addOld(route);
  }
  // Routes gone since the previous run.
  for (const route of diff.gone) if (!freshByKey.has(route.key)) addOld(route);
  while (pendingFiles.length > 0) {
    const file = pendingFiles.pop()!;
    const area = areas.get(file);
    if (!area) {
      for (const route of index.inFile(file)) addOld(route);
      for (const route of freshByFile.get(file) ?? []) addNew(route);
    }
    const range = findingsIn.get(file);
    for (let i = range?.from ?? 0; i < (range?.to ?? 0); i++) {
      const { routeKey: key, location } = previous.findings[i]!;
      if (key === undefined || dirtyKeys.has(key) || (area && !reachesAny(location.span, area.old))) continue;
      dirtyKeys.add(key);
      const now = nowByKey(key);
      if (now) addNew(now);
    }
  }
  // The index now serves the new model (the next run's previous one).
  RouteIndex.carry(previous.model, model, diff);
  if (dirtyNew.size > MAX_SCOPED_SHARE * Math.max(model.routes.length, 1) && model.routes.length > 20) return undefined;
  return { scope: { routes: dirtyNew, files }, dirtyKeys, regions, areas };
}

/**
 * Where each file's findings are in a run's findings, which come sorted by file: one pass, and no
 * per-finding entry (this runs on every edit over thousands of findings).
 */
function fileRanges(findings: readonly Finding[]): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  let current: { from: number; to: number } | undefined;
  let file: string | undefined;
  for (let i = 0; i < findings.length; i++) {
    const at = findings[i]!.location.file;
    if (at !== file || !current) ranges.set((file = at), (current = { from: i, to: i }));
    current.to = i + 1;
  }
  return ranges;
}

/**
 * The route runs middleware defined in a changed file: its code may read differently now. In a
 * file with an edit region, only middleware defined where the region reaches.
 */
function usesMiddlewareFrom(route: Route, changed: ReadonlySet<string>, moves: Moves): boolean {
  for (const mw of route.chain) {
    const definition = mw.definition;
    if (!definition || !changed.has(definition.file)) continue;
    const region = moves.regions.get(definition.file);
    if (!region || !outside(definition.span, region.start, region.oldEnd)) return true;
  }
  return false;
}

/** An incremental run's findings, sorted, and the files that gained or lost a finding. */
export interface MergedFindings {
  findings: Finding[];
  touched: Set<string>;
}

/**
 * The previous findings still valid after a scoped run (offsets shifted past edit regions), plus
 * the fresh ones, in the order of a run (`compareFindings`). `wholeRules` are the rules that ran
 * whole: none of their old findings survive. `previous` comes sorted, and what is kept stays in
 * order (offsets past a region all move by the same amount), so the fresh findings are sorted
 * and merged in: after an edit they are a few dozen out of thousands.
 */
export function mergeFindings(previous: readonly Finding[], fresh: readonly Finding[], plan: ScopePlan, wholeRules: ReadonlySet<string>): MergedFindings {
  const { regions, areas } = plan;
  const moves = regions.size > 0 ? new Moves(regions) : undefined;
  // A finding of no route in a file with a region, outside its area, that lists a place in the
  // area (a parser "used by" a route in scope) is looked at again with every finding of its rule
  // at its location, old or fresh: the slot, as the new text places it. (A route's findings go
  // with the route.)
  const slots = new Set<string>();
  const slotOf = (f: Finding, span: Span): string => `${f.ruleId}\0${f.location.file}\0${span.start}:${span.end}`;
  const listsAreaPlace = (f: Finding, old: boolean): boolean =>
    f.related.some((r) => {
      const area = areas.get(r.location.file);
      return area !== undefined && reachesAny(r.location.span, old ? area.old : area.now);
    });
  const oldSlot = (f: Finding): string | undefined => {
    const span = moves?.span(f.location.file, f.location.span);
    return span && slotOf(f, span);
  };
  if (moves) {
    for (const f of previous) {
      if (f.routeKey !== undefined || !areas.has(f.location.file) || !listsAreaPlace(f, true)) continue;
      // A finding whose own location reaches the region is in scope anyway.
      const slot = oldSlot(f);
      if (slot !== undefined) slots.add(slot);
    }
    for (const f of fresh) if (f.routeKey === undefined && areas.has(f.location.file) && listsAreaPlace(f, false)) slots.add(slotOf(f, f.location.span));
  }
  const inScope = (f: Finding, old: boolean): boolean => {
    if (f.routeKey !== undefined && plan.dirtyKeys.has(f.routeKey)) return true;
    if (!plan.scope.files.has(f.location.file)) return false;
    const area = areas.get(f.location.file);
    if (!area || reachesAny(f.location.span, old ? area.old : area.now)) return true;
    if (f.routeKey !== undefined) return false;
    const slot = old ? oldSlot(f) : slotOf(f, f.location.span);
    return slot !== undefined && slots.has(slot);
  };
  const touched = new Set<string>();
  const kept: Finding[] = [];
  for (const f of previous) {
    if (!wholeRules.has(f.ruleId) && !inScope(f, true)) kept.push(moves ? shifted(f, moves) : f);
    else touched.add(f.location.file);
  }
  // A scoped rule may report beyond the scope (it must report everything within it): what lies
  // beyond is already among the kept findings.
  const added: Finding[] = [];
  for (const f of fresh) {
    if (!wholeRules.has(f.ruleId) && !inScope(f, false)) continue;
    added.push(f);
    touched.add(f.location.file);
  }
  return { findings: mergeSorted(kept, added), touched };
}

/**
 * `kept` (sorted) and `added` as one sorted list, `kept` first among equals: what a stable sort
 * of `kept` followed by `added` gives.
 */
export function mergeSorted(kept: readonly Finding[], added: Finding[]): Finding[] {
  sortFindings(added);
  const out: Finding[] = [];
  let from = 0;
  for (const f of added) {
    // The first kept finding after `f`, by binary search.
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFindings(kept[mid]!, f) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i]!);
    out.push(f);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]!);
  return out;
}

/**
 * A kept finding at its offsets in the new texts: the same object when none moved. Its parts that
 * reach an edit region (a related location inside the edited callback) stay where they were;
 * the next whole run (the language server's reconcile) gives them again.
 */
function shifted(f: Finding, moves: Moves): Finding {
  if (!touchesRegionFile(f, moves.regions)) return f;
  const loc = (l: Location): Location => {
    const span = moves.span(l.file, l.span);
    return span && span !== l.span ? { file: l.file, span } : l;
  };
  const location = loc(f.location);
  let moved = location !== f.location;
  const related = f.related.map((r) => {
    const at = loc(r.location);
    if (at === r.location) return r;
    moved = true;
    return { ...r, location: at };
  });
  const fix = f.fix && {
    ...f.fix,
    edits: f.fix.edits.map((e) => {
      const span = moves.span(e.file, e);
      if (!span || (span.start === e.start && span.end === e.end)) return e;
      moved = true;
      return { ...e, start: span.start, end: span.end };
    }),
  };
  if (!moved) return f;
  const copy: Finding = { ...f, location, related, fix };
  carryFingerprint(f, copy);
  return copy;
}

/** Whether any part of the finding lies in a file with an edit region (most findings: none). */
function touchesRegionFile(f: Finding, regions: ReadonlyMap<string, EditRegion>): boolean {
  if (regions.has(f.location.file)) return true;
  for (const r of f.related) if (regions.has(r.location.file)) return true;
  if (f.fix) for (const e of f.fix.edits) if (regions.has(e.file)) return true;
  return false;
}
