/**
 * Hand-built AnalysisResults for reporter and CLI tests: a few files of text, findings placed by
 * searching for a snippet, and rule definitions that carry metadata only.
 */
import type { AnalysisResult } from '../../analyzer/engine/result';
import { computeLineStarts } from '../../analyzer/extract/lines';
import type { FileFacts } from '../../analyzer/model/ir';
import type { Finding, Severity } from '../../analyzer/model/finding';
import type { AppFacts, Location, Middleware, Problem, Route } from '../../analyzer/model/route-model';
import { defineRule, type AnyRule, type RuleMeta } from '../../rules/utils/define-rule';

export function emptyFacts(path: string, text: string): FileFacts {
  return {
    path,
    language: 'ts',
    lineStarts: computeLineStarts(text),
    directives: [],
    imports: [],
    exports: [],
    functions: [],
    decls: [],
    assignments: [],
    calls: [],
    guards: [],
    returns: [],
    throws: [],
    switches: [],
    reads: [],
    comments: [],
    problems: [],
  };
}

/** The location of the `nth` occurrence of `snippet` in `text`. */
export function locate(file: string, text: string, snippet: string, nth = 0): Location {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(snippet, start + 1);
    if (start < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return { file, span: { start, end: start + snippet.length } };
}

export function fakeRule(id: string, meta: Partial<RuleMeta> = {}): AnyRule {
  return defineRule<never>({
    id,
    meta: { summary: `Summary of ${id}.`, severity: 'high', confidence: 'medium', cwe: [], owaspApi: [], fix: 'none', ...meta },
    detect: () => [],
    report: () => {
      throw new Error('not used');
    },
  });
}

export function finding(ruleId: string, severity: Severity, location: Location, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity,
    message: `${ruleId} message`,
    location,
    fingerprint: `${ruleId}:${location.file}:${location.span.start}`,
    routeKey: undefined,
    related: [],
    fix: undefined,
    ...extra,
  };
}

export function middleware(name: string, roles: Middleware['roles'], at: Location, args: string[] = []): Middleware {
  return { name, roles, roleSource: 'name', args, at, definition: undefined, scope: 'route' };
}

export function route(method: Route['method'], path: string, registration: Location, extra: Partial<Route> = {}): Route {
  return {
    key: `${method} ${path}`,
    framework: 'express',
    method,
    path,
    registration,
    handler: undefined,
    handlerFn: undefined,
    chain: [],
    handlerFacts: { inputs: [], bodyFields: [], authCheck: undefined, roleCheck: undefined, validation: undefined, rateLimit: undefined, credentialOps: [] },
    chainInsertion: undefined,
    mounts: [],
    certainty: 'resolved',
    notes: [],
    ...extra,
  };
}

export interface FakeResultInput {
  /** Source files (with facts) by project-relative path. */
  files?: Record<string, string>;
  /** Text files without facts (.env, Dockerfile). */
  textFiles?: Record<string, string>;
  findings?: Finding[];
  problems?: Problem[];
  routes?: Route[];
  apps?: AppFacts[];
  rules?: AnyRule[];
  root?: string;
}

export function fakeResult(input: FakeResultInput = {}): AnalysisResult {
  const sources = input.files ?? {};
  const texts = { ...(input.textFiles ?? {}), ...sources };
  const files = new Map(Object.entries(sources).map(([path, text]) => [path, emptyFacts(path, text)]));
  const routes = input.routes ?? [];
  const problems = input.problems ?? [];
  return {
    root: input.root ?? '/abs/project',
    files,
    model: { routes, apps: input.apps ?? [], problems },
    findings: input.findings ?? [],
    problems,
    rules: input.rules ?? [],
    getText: (file) => texts[file],
    stats: { sourceFiles: files.size, textFiles: Object.keys(input.textFiles ?? {}).length, routes: routes.length, durationMs: 12 },
  };
}
