/**
 * Discovery entry point: file facts → route model, one framework after another. Each framework
 * module appends its routes and app facts; none of them reads another's output.
 */
import type { FileFacts } from '../model/ir';
import type { Route, RouteModel } from '../model/route-model';
import type { ResolvedConfig } from '../config/types';
import { discoverExpress } from './express/discover';
import { discoverFastify } from './fastify/discover';
import { discoverNext } from './next/discover';
import type { DiscoveryMemo } from './memo';
import { ProjectIndex, type PathAlias } from './project-index';

export function buildRouteModel(files: ReadonlyMap<string, FileFacts>, config: ResolvedConfig, aliases: readonly PathAlias[] = [], memo?: DiscoveryMemo): { model: RouteModel; index: ProjectIndex } {
  const index = new ProjectIndex(files, aliases, memo);
  const model: RouteModel = { routes: [], apps: [], problems: [] };
  for (const [framework, discover] of [['Express', discoverExpress], ['Fastify', discoverFastify], ['Next.js', discoverNext]] as const) {
    let found: Pick<RouteModel, 'routes' | 'apps' | 'problems'>;
    try {
      found = discover(index, config);
    } catch (error) {
      // Discoverers return problems rather than throw; should one still fail (a bug, or a stack
      // overflow on a shape nobody foresaw), the other frameworks' routes are kept.
      const reason = error instanceof RangeError ? 'the project nests too deeply' : String((error as Error)?.message ?? error);
      model.problems.push({ file: undefined, span: undefined, kind: 'discovery-error', message: `${framework} discovery failed (${reason}); its routes are missing` });
      continue;
    }
    // Loops, not push(...spread): a spread of a very large array overflows the stack.
    for (const route of found.routes) model.routes.push(route);
    for (const app of found.apps) model.apps.push(app);
    for (const problem of found.problems) model.problems.push(problem);
  }
  model.routes = mergeRoutes(model.routes, memo?.slot('model:merge', () => ({ last: undefined as MergeState | undefined })));
  return { model, index };
}

/** The last run's merge (kept in the memo): what `mergeRoutes` can update instead of redoing. */
interface MergeState {
  /** The discoverers' routes, concatenated in discovery order. */
  found: Route[];
  /** `found` with duplicate keys renamed: each route, or its renamed copy (`#2`), at the same index. */
  unique: Route[];
  /** The model's routes: `unique` sorted (see `sortRoutes`). */
  sorted: Route[];
  /** Routes renamed, with their renamed copies (so an unchanged route keeps the same copy). */
  copies: Map<Route, Route>;
}

/**
 * Duplicate keys renamed, then routes sorted by file, position and key. Over 10,000 routes that is
 * milliseconds of string hashing and comparing per run, while an edit replaces the routes of one
 * router or one file: with `kept`, the last run's result is updated instead when only a run of
 * routes in the middle of discovery order changed and their keys did not (then no other route's
 * `#n` changes), and the sorted list is patched file by file.
 */
function mergeRoutes(found: Route[], kept?: { last: MergeState | undefined }): Route[] {
  const last = kept?.last;
  const state = (last && updateMerge(last, found)) ?? fullMerge(found, last?.copies);
  if (kept) kept.last = state;
  return state.sorted;
}

function fullMerge(found: Route[], copies: Map<Route, Route> | undefined): MergeState {
  const { unique, copies: made } = dedupeRouteKeys(found, copies);
  return { found, unique, sorted: sortRoutes(unique), copies: made };
}

/**
 * `last` updated for `found`, or undefined when the change is not one this can patch exactly.
 * The routes `found` shares with the last run at its start and its end are the same objects in
 * the same places; between them, routes are replaced. When the replaced and replacing routes
 * have the same keys in the same order, every route's duplicate count is what it was.
 */
function updateMerge(last: MergeState, found: Route[]): MergeState | undefined {
  const before = last.found;
  let head = 0;
  const shortest = Math.min(before.length, found.length);
  while (head < shortest && before[head] === found[head]) head++;
  if (head === before.length && head === found.length) return { ...last, found };
  let tail = 0;
  while (tail < shortest - head && before[before.length - 1 - tail] === found[found.length - 1 - tail]) tail++;
  const removedEnd = before.length - tail;
  const addedEnd = found.length - tail;
  if (removedEnd !== addedEnd) return undefined;
  for (let i = head; i < addedEnd; i++) if (before[i]!.key !== found[i]!.key) return undefined;

  const unique = last.unique.slice();
  const copies = new Map(last.copies);
  const removed = new Set<Route>();
  const added: Route[] = [];
  for (let i = head; i < addedEnd; i++) {
    const route = found[i]!;
    const previous = last.unique[i]!;
    removed.add(previous);
    if (before[i] !== route) copies.delete(before[i]!);
    // The same `#n` as the route it replaces (its key and every key before it are the same).
    const copy = copies.get(route);
    const renamed = previous.key === route.key ? route : copy?.key === previous.key ? copy : { ...route, key: previous.key };
    if (renamed !== route) copies.set(route, renamed);
    unique[i] = renamed;
    added.push(renamed);
  }
  const sorted = patchSorted(last.sorted, removed, added);
  return sorted && { found, unique, sorted, copies };
}

/**
 * `sorted` without the routes `removed`, with the routes `added`: only the files they belong to
 * are sorted again (a file's routes are contiguous in `sorted`, files in order). Undefined when a
 * file holds two routes at the same position with the same key: their order would be discovery
 * order, which this does not know.
 */
function patchSorted(sorted: Route[], removed: ReadonlySet<Route>, added: readonly Route[]): Route[] | undefined {
  const addedByFile = new Map<string, Route[]>();
  for (const route of removed) addedByFile.set(route.registration.file, []);
  for (const route of added) {
    const list = addedByFile.get(route.registration.file);
    if (list) list.push(route);
    else addedByFile.set(route.registration.file, [route]);
  }
  // Each file touched costs a search and a sort of its routes: a change spread over many files
  // (a mount prefix above them all) is merged anew.
  if (addedByFile.size > 64) return undefined;
  const out: Route[] = [];
  let copied = 0;
  for (const file of [...addedByFile.keys()].sort(compareStrings)) {
    const start = lowerBound(sorted, file, copied);
    let end = start;
    while (end < sorted.length && sorted[end]!.registration.file === file) end++;
    for (let i = copied; i < start; i++) out.push(sorted[i]!);
    const routes: Route[] = [];
    for (let i = start; i < end; i++) if (!removed.has(sorted[i]!)) routes.push(sorted[i]!);
    for (const route of addedByFile.get(file)!) routes.push(route);
    routes.sort(byPosition);
    for (let i = 1; i < routes.length; i++) if (byPosition(routes[i - 1]!, routes[i]!) === 0) return undefined;
    for (const route of routes) out.push(route);
    copied = end;
  }
  for (let i = copied; i < sorted.length; i++) out.push(sorted[i]!);
  return out;
}

/** The first index at or after `from` whose route's file is not before `file` (`sorted` is by file). */
function lowerBound(sorted: readonly Route[], file: string, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.registration.file < file) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Within a file: by position, then key. */
function byPosition(a: Route, b: Route): number {
  return a.registration.span.start - b.registration.span.start || compareStrings(a.key, b.key);
}

/**
 * Routes by file, then position, then key (a stable sort). Grouped by file first: the files are
 * few, and within a file routes mostly come in order, so this costs far less than comparing file
 * paths in every comparison of 10,000 routes.
 */
function sortRoutes(routes: readonly Route[]): Route[] {
  const byFile = new Map<string, Route[]>();
  for (const route of routes) {
    const list = byFile.get(route.registration.file);
    if (list) list.push(route);
    else byFile.set(route.registration.file, [route]);
  }
  const out: Route[] = [];
  for (const file of [...byFile.keys()].sort(compareStrings)) for (const route of byFile.get(file)!.sort(byPosition)) out.push(route);
  return out;
}

/**
 * The same `METHOD path` registered twice gets `#2`, `#3`… so keys stay unique and stable. The
 * renamed route is a copy: discoverers keep route objects between runs (see ARCHITECTURE.md,
 * "Caching and invalidation"), and a kept route must keep the key it was built with. A route
 * renamed alike in the last run (`copies`) gets the same copy again.
 */
function dedupeRouteKeys(routes: readonly Route[], copies: ReadonlyMap<Route, Route> | undefined): { unique: Route[]; copies: Map<Route, Route> } {
  const seen = new Map<string, number>();
  const unique: Route[] = [];
  const made = new Map<Route, Route>();
  for (const route of routes) {
    const n = (seen.get(route.key) ?? 0) + 1;
    seen.set(route.key, n);
    if (n === 1) {
      unique.push(route);
      continue;
    }
    const key = `${route.key}#${n}`;
    const kept = copies?.get(route);
    const renamed = kept?.key === key ? kept : { ...route, key };
    made.set(route, renamed);
    unique.push(renamed);
  }
  return { unique, copies: made };
}
