/**
 * The routes of one model by identity, key, file and middleware file: for the incremental planner
 * (engine/incremental.ts) and for rules that look routes up by file (rules/utils/route-lookup.ts).
 * Discovery hands out the same route object while nothing it was built from changed, so two
 * successive models mostly share their routes: the index of a model is the previous model's index
 * updated with the routes that differ, which costs one pass over the route list instead of
 * rebuilding every map (a project can have ten thousand routes; an edit changes a handful). A
 * pass over every route's middleware is what an edit cannot afford: the routes are scattered
 * over the heap, and reading 20,000 chain entries costs milliseconds.
 */
import type { Route, RouteModel } from './route-model';

/**
 * The model's order (analyzer/discovery/discover.ts sorts routes so): by registration file, then
 * position, then key. Lets a rule put routes found through the index back in model order.
 */
export function compareRoutes(a: Route, b: Route): number {
  const fa = a.registration.file;
  const fb = b.registration.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.registration.span.start - b.registration.span.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** How a model's routes differ from an indexed model's: the routes new to it, and those it no longer has. */
export interface RouteDiff {
  fresh: Route[];
  gone: Route[];
}

export class RouteIndex {
  private readonly routes = new Set<Route>();
  private readonly byKey = new Map<string, Route>();
  /** By registration and handler file. */
  private readonly byFile = new Map<string, Set<Route>>();
  /** By the file defining a middleware of the chain. */
  private readonly byMiddlewareFile = new Map<string, Set<Route>>();
  /** By the file where a middleware of the chain is applied (not app-wide ones). */
  private readonly byMiddlewareAt = new Map<string, Set<Route>>();
  /** Groupings asked for by rules (see `facet`), kept up to date with the rest. */
  private readonly facets = new Map<string, RouteFacet>();

  private constructor(routes: readonly Route[]) {
    for (const route of routes) this.add(route);
  }

  has(route: Route): boolean {
    return this.routes.has(route);
  }

  get(key: string): Route | undefined {
    return this.byKey.get(key);
  }

  /** The routes registered or handled in `file` (in no particular order). */
  inFile(file: string): Iterable<Route> {
    return this.byFile.get(file) ?? [];
  }

  /** The routes with a middleware defined in `file` (in no particular order). */
  usingMiddlewareFrom(file: string): Iterable<Route> {
    return this.byMiddlewareFile.get(file) ?? [];
  }

  /** The routes with a middleware applied in `file`, app-wide ones aside (in no particular order). */
  withMiddlewareAppliedIn(file: string): Iterable<Route> {
    return this.byMiddlewareAt.get(file) ?? [];
  }

  /**
   * The routes grouped by keys derived from each route (`keysOf` must give the same keys for the
   * same route object every time): built by one pass over the routes the first time `id` is asked
   * for, then carried with the index.
   */
  facet(id: string, keysOf: (route: Route) => readonly string[]): RouteFacet {
    let facet = this.facets.get(id);
    if (!facet) {
      facet = new RouteFacet(keysOf);
      for (const route of this.routes) facet.add(route);
      this.facets.set(id, facet);
    }
    return facet;
  }

  /** How `routes` (a newer model's) differ from the indexed ones. */
  diff(routes: readonly Route[]): RouteDiff {
    const fresh: Route[] = [];
    let kept = 0;
    for (const route of routes) {
      if (this.routes.has(route)) kept++;
      else fresh.push(route);
    }
    const goneCount = this.routes.size - kept;
    if (goneCount === 0) return { fresh, gone: [] };
    // Keys are unique within a model: an indexed route with the key of a fresh one is gone.
    const gone: Route[] = [];
    for (const route of fresh) {
      const before = this.byKey.get(route.key);
      if (before) gone.push(before);
    }
    if (gone.length === goneCount) return { fresh, gone };
    // Routes removed or renamed: find them the long way.
    const now = new Set(routes);
    return { fresh, gone: [...this.routes].filter((route) => !now.has(route)) };
  }

  /** Turns this index into the index of the model `diff` was computed for. */
  apply(diff: RouteDiff): void {
    // Added first: a route replaced by its edited self (same key, same place) stays a facet's first.
    for (const route of diff.fresh) this.add(route);
    for (const route of diff.gone) this.remove(route);
  }

  private add(route: Route): void {
    this.routes.add(route);
    this.byKey.set(route.key, route);
    for (const file of filesOf(route)) addTo(this.byFile, file, route);
    for (const mw of route.chain) {
      if (mw.definition) addTo(this.byMiddlewareFile, mw.definition.file, route);
      if (mw.scope !== 'global') addTo(this.byMiddlewareAt, mw.at.file, route);
    }
    for (const facet of this.facets.values()) facet.add(route);
  }

  private remove(route: Route): void {
    this.routes.delete(route);
    if (this.byKey.get(route.key) === route) this.byKey.delete(route.key);
    for (const file of filesOf(route)) this.byFile.get(file)?.delete(route);
    for (const mw of route.chain) {
      if (mw.definition) this.byMiddlewareFile.get(mw.definition.file)?.delete(route);
      if (mw.scope !== 'global') this.byMiddlewareAt.get(mw.at.file)?.delete(route);
    }
    for (const facet of this.facets.values()) facet.remove(route);
  }

  // One index per model: built for the first, then carried from each model to the next.
  private static readonly byModel = new WeakMap<RouteModel, RouteIndex>();

  /** The index of `model`, built when it has none. */
  static of(model: RouteModel): RouteIndex {
    let index = RouteIndex.byModel.get(model);
    if (!index) RouteIndex.byModel.set(model, (index = new RouteIndex(model.routes)));
    return index;
  }

  /** Carries `from`'s index to `to`, updated with `diff` (computed against it): `from` loses it. */
  static carry(from: RouteModel, to: RouteModel, diff: RouteDiff): void {
    const index = RouteIndex.byModel.get(from);
    if (!index) return;
    index.apply(diff);
    RouteIndex.byModel.delete(from);
    RouteIndex.byModel.set(to, index);
  }
}

interface FacetGroup {
  /** By registration file: finding the next first route reads one file's routes, not all. */
  byFile: Map<string, Set<Route>>;
  /** How many times the routes gave the key (a route may give it twice). */
  count: number;
  /** The group's first route in model order; undefined (and `stale`) once it left the group. */
  first: Route | undefined;
  stale: boolean;
}

/**
 * Routes grouped by keys (a rule's notion: the names of the auth guards a route runs), with each
 * group's size and first route in model order: what a rule would otherwise count over every route
 * on every run.
 */
export class RouteFacet {
  private readonly groups = new Map<string, FacetGroup>();

  constructor(private readonly keysOf: (route: Route) => readonly string[]) {}

  add(route: Route): void {
    for (const key of this.keysOf(route)) {
      let group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = { byFile: new Map(), count: 0, first: undefined, stale: false }));
      addTo(group.byFile, route.registration.file, route);
      group.count++;
      if (!group.stale && (!group.first || compareRoutes(route, group.first) <= 0)) group.first = route;
    }
  }

  remove(route: Route): void {
    const keys = this.keysOf(route);
    const file = route.registration.file;
    for (const key of keys) {
      const group = this.groups.get(key);
      if (group?.byFile.get(file)?.has(route)) group.count--;
    }
    for (const key of new Set(keys)) {
      const group = this.groups.get(key);
      const routes = group?.byFile.get(file);
      if (!group || !routes?.delete(route)) continue;
      if (routes.size === 0) group.byFile.delete(file);
      if (group.byFile.size === 0) this.groups.delete(key);
      else if (group.first === route) {
        group.first = undefined;
        group.stale = true;
      }
    }
  }

  keys(): IterableIterator<string> {
    return this.groups.keys();
  }

  /** How many times the routes give `key`. */
  count(key: string): number {
    return this.groups.get(key)?.count ?? 0;
  }

  /** The group's first route in model order. */
  first(key: string): Route | undefined {
    const group = this.groups.get(key);
    if (!group) return undefined;
    if (group.stale) {
      let file: string | undefined;
      for (const f of group.byFile.keys()) if (file === undefined || f < file) file = f;
      for (const route of group.byFile.get(file!)!) if (!group.first || compareRoutes(route, group.first) < 0) group.first = route;
      group.stale = false;
    }
    return group.first;
  }
}

/** The registration's file, the handler's and the handler function's. */
function filesOf(route: Route): string[] {
  const files = [route.registration.file];
  const handler = route.handler?.file;
  if (handler !== undefined && handler !== files[0]) files.push(handler);
  const fn = route.handlerFn?.file;
  if (fn !== undefined && !files.includes(fn)) files.push(fn);
  return files;
}

function addTo(map: Map<string, Set<Route>>, file: string, route: Route): void {
  const set = map.get(file);
  if (set) set.add(route);
  else map.set(file, new Set([route]));
}
