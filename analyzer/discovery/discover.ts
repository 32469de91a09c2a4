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
  dedupeRouteKeys(model);
  model.routes = sortRoutes(model.routes, memo?.slot('model:sort', () => new Map<string, SortedFile>()));
  return { model, index };
}

/** A file's routes in discovery order, and sorted (kept between runs: most files' routes are the same objects). */
interface SortedFile {
  input: Route[];
  sorted: Route[];
}

/**
 * Routes by file, then position, then key (a stable sort). Grouped by file first: the files are
 * few, and within a file routes mostly come in order, so this costs far less than comparing file
 * paths in every comparison of 10,000 routes. With `kept`, a file whose routes are the same
 * objects in the same order as in the last run keeps its sorted list.
 */
function sortRoutes(routes: Route[], kept?: Map<string, SortedFile>): Route[] {
  const byFile = new Map<string, Route[]>();
  for (const route of routes) {
    const list = byFile.get(route.registration.file);
    if (list) list.push(route);
    else byFile.set(route.registration.file, [route]);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Route[] = [];
  for (const file of files) {
    const list = byFile.get(file)!;
    const previous = kept?.get(file);
    let sorted: Route[];
    if (previous && previous.input.length === list.length && previous.input.every((r, i) => r === list[i])) sorted = previous.sorted;
    else {
      sorted = [...list].sort((a, b) => a.registration.span.start - b.registration.span.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      kept?.set(file, { input: list, sorted });
    }
    for (const route of sorted) out.push(route);
  }
  // Files without routes now: their kept lists go.
  if (kept && kept.size > files.length) for (const file of [...kept.keys()]) if (!byFile.has(file)) kept.delete(file);
  return out;
}

/**
 * The same `METHOD path` registered twice gets `#2`, `#3`… so keys stay unique and stable. The
 * renamed route is a copy: discoverers keep route objects between runs (see ARCHITECTURE.md,
 * "Caching and invalidation"), and a kept route must keep the key it was built with.
 */
function dedupeRouteKeys(model: RouteModel): void {
  const seen = new Map<string, number>();
  const routes = model.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i]!;
    const n = (seen.get(route.key) ?? 0) + 1;
    seen.set(route.key, n);
    if (n > 1) routes[i] = { ...route, key: `${route.key}#${n}` };
  }
}
