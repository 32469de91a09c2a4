/** What one analysis run produces: the single input of every reporter and of the language server. */
import type { FileFacts } from '../model/ir';
import type { Finding } from '../model/finding';
import type { Problem, RouteModel } from '../model/route-model';
import type { AnyRule } from '../../rules/utils/define-rule';

export interface AnalysisResult {
  /** Absolute path of the analyzed root (never printed: outputs use project-relative paths). */
  root: string;
  /** Facts of every analyzed source file, by project-relative POSIX path. */
  files: ReadonlyMap<string, FileFacts>;
  model: RouteModel;
  /** Sorted by file, then offset, then rule id. Includes suppressed findings (see `Finding.suppressed`). */
  findings: Finding[];
  /** Everything that went wrong on the way (unreadable files, syntax errors, limits hit). */
  problems: Problem[];
  /** The rules that ran, for reporters that describe them (SARIF `tool.driver.rules`). */
  rules: readonly AnyRule[];
  /** Text of a project file, for snippets and line/column conversion. */
  getText(file: string): string | undefined;
  stats: { sourceFiles: number; textFiles: number; routes: number; durationMs: number; phases?: RunPhases };
}

/**
 * Where a run's time went, in ms (ProjectSession.run): discovery (the route model), scope (which
 * routes and files an incremental run re-evaluates), rules, and finishing (merging kept and fresh
 * findings, fingerprints, suppressions). The bench and the language server's timing log print it.
 */
export interface RunPhases {
  discovery: number;
  scope: number;
  rules: number;
  finish: number;
}
