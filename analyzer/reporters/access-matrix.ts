/**
 * The access matrix behind `routeguard routes`: for each route, who may call it (auth), with which
 * role, whether its input is validated and whether it is rate limited. Derived from the route
 * model only; the roles of middleware were decided during discovery, so this agrees with the rules.
 */
import type { AnalysisResult } from '../engine/result';
import type { Certainty, Framework, HttpMethod, Location, Middleware, MiddlewareRole, Route } from '../model/route-model';
import { createLocator } from './locate';
import { compareStrings } from './order';

/** One control (auth, role check, validation, rate limit) of a route. */
export interface Control {
  /** Middleware in the chain with this role, as `name` or `name(arg, …)`, in chain order. */
  middleware: string[];
  /** The handler itself performs the check. */
  inHandler: boolean;
}

export interface AccessRow {
  method: HttpMethod;
  path: string;
  file: string;
  line: number;
  column: number;
  auth: Control;
  roles: Control;
  validation: Control;
  rateLimit: Control;
  framework: Framework;
  certainty: Certainty;
  notes: string[];
  /**
   * Next.js routes only: what `middleware.ts`/`proxy.ts` does here (`auth`, `partial`, `runs`,
   * `skipped`, or `none` when the app has no middleware file). Absent for other frameworks.
   */
  middleware?: string;
}

/** `requireRole('admin')` with args ['admin'] → `requireRole(admin)`; plain names stay as they are. */
export function middlewareLabel(m: Middleware): string {
  if (m.args.length === 0) return m.name;
  const paren = m.name.indexOf('(');
  const base = paren >= 0 ? m.name.slice(0, paren) : m.name;
  return `${base}(${m.args.join(', ')})`;
}

function control(route: Route, role: MiddlewareRole, inHandler: Location | undefined): Control {
  const names = route.chain.filter((m) => m.roles.includes(role)).map(middlewareLabel);
  return { middleware: [...new Set(names)], inHandler: inHandler !== undefined };
}

export function buildAccessMatrix(result: AnalysisResult): AccessRow[] {
  const locator = createLocator(result);
  const rows = result.model.routes.map((route): AccessRow => {
    const pos = locator.position(route.registration.file, route.registration.span.start);
    const facts = route.handlerFacts;
    return {
      method: route.method,
      path: route.path,
      file: route.registration.file,
      line: pos.line,
      column: pos.column,
      auth: control(route, 'auth', facts.authCheck),
      roles: control(route, 'role-check', facts.roleCheck),
      validation: control(route, 'validation', facts.validation),
      rateLimit: control(route, 'rate-limit', facts.rateLimit),
      framework: route.framework,
      certainty: route.certainty,
      notes: [...route.notes],
      ...(route.framework === 'next' ? { middleware: route.serverAction ? 'n/a (action)' : (route.middlewareCoverage ?? 'none') } : {}),
    };
  });
  return rows.sort(
    (a, b) =>
      compareStrings(a.path, b.path) ||
      compareStrings(a.method, b.method) ||
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
}
