/**
 * The rule contract. A rule is pure and synchronous: it reads the route model and the file facts
 * from its context and yields states (detect), turns a state into words (report) and, where it
 * makes sense, into text edits (fix). No file system, console, process or await in rules.
 */
import type { FileFacts } from '../../analyzer/model/ir';
import type { Confidence, Fix, RelatedLocation, Severity } from '../../analyzer/model/finding';
import type { Location, Route, RouteModel } from '../../analyzer/model/route-model';
import type { ResolvedConfig } from '../../analyzer/config/types';

export interface RuleMeta {
  /** One sentence: what the rule finds. */
  summary: string;
  severity: Severity;
  /** How often a finding is a true positive; exported to SARIF as `precision`. */
  confidence: Confidence;
  /** e.g. ['CWE-306']. */
  cwe: string[];
  /** OWASP API Security Top 10 2023 ids, e.g. ['API2:2023']. */
  owaspApi: string[];
  fix: 'none' | 'safe' | 'unsafe';
}

/** A secret found by the pre-scan (secretlint), stored already masked. */
export interface SecretHit {
  file: string;
  start: number;
  end: number;
  /** The secretlint rule that matched, e.g. '@secretlint/secretlint-rule-aws'. */
  source: string;
  message: string;
  masked: string;
}

export interface RuleContext {
  readonly model: RouteModel;
  /** Facts of every analyzed source file, by project-relative POSIX path. */
  readonly files: ReadonlyMap<string, FileFacts>;
  /** The text of a project file (source or other text file), when it was read. */
  getText(file: string): string | undefined;
  /** Every non-source text file that was read (config, .env*, Dockerfiles, CI files). */
  readonly textFiles: readonly string[];
  readonly secrets: readonly SecretHit[];
  readonly config: ResolvedConfig;
  /** Ids of every rule in the catalog (enabled or not), e.g. to validate suppression comments. */
  readonly ruleIds: readonly string[];
  /**
   * Set when only part of the project is re-evaluated (the language server after an edit; see
   * analyzer/engine/incremental.ts). A rule marked `incremental` then reports only on the routes
   * in `scope.routes` and, for findings that belong to no route, only in the files of
   * `scope.files`; the engine keeps the previous run's findings for everything else. `model` and
   * `files` stay whole, for lookups. Read it through rules/utils/scope.ts.
   */
  readonly scope?: RunScope;
}

export interface RunScope {
  readonly routes: ReadonlySet<Route>;
  readonly files: ReadonlySet<string>;
}

export interface Report {
  message: string;
  location: Location;
  /** Overrides the rule's default severity for this finding (e.g. critical for admin routes). */
  severity?: Severity;
  /** The route this finding is about; part of the stable fingerprint. */
  routeKey?: string;
  related?: RelatedLocation[];
  /**
   * What identifies this finding when it has no route: by default the text at its location.
   * Rules whose location holds a secret must give one, so that the fingerprint (a hash of the
   * anchor) cannot be brute-forced back into a short password.
   */
  fingerprintAnchor?: string;
}

export interface RuleDefinition<State> {
  id: string;
  meta: RuleMeta;
  /**
   * True when `detect` honours `ctx.scope`: with a scope, it yields at least every finding of a
   * whole run that is located in a file of `scope.files` or carries the `routeKey` of a route in
   * `scope.routes` (the engine drops anything beyond, and keeps the previous run's findings for
   * the rest). Findings about a route must carry its `routeKey`. Rules without it are re-run whole
   * on every edit (their findings depend on the whole project, e.g. whether any app sets
   * security headers).
   */
  incremental?: boolean;
  /**
   * For an incremental rule whose findings also depend on something project-wide (e.g. which
   * auth guard most routes use, which its quick-fix inserts): a string that changes whenever that
   * does. When it differs from the previous run's, the rule runs whole.
   */
  projectInputs?(ctx: RuleContext): string;
  detect(ctx: RuleContext): Iterable<State>;
  report(state: State, ctx: RuleContext): Report;
  fix?(state: State, ctx: RuleContext): Fix | undefined;
}

// The state type is private to each rule; the engine only passes it back to the same rule.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any>;

export function defineRule<State>(rule: RuleDefinition<State>): RuleDefinition<State> {
  return rule;
}

export const DOCS_BASE = 'https://github.com/routeguard/routeguard/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
