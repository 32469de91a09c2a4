/**
 * Runs the analyzer over the roots of one command, one after another, and merges the results
 * (with path prefixes) into one AnalysisResult for the reporters. Everything that can fail on the
 * user's input (paths, git refs) is checked before the first, slow analysis starts.
 */
import type { BaselineFile } from '../engine/baseline';
import type { AnalysisResult } from '../engine/result';
import { oneLine } from '../reporters/sanitize';
import { changedFiles, keepChangedFindings } from './changed-files';
import type { CliDeps } from './deps';
import { mergeResults, prefixResult } from './merge-results';
import { createProgress } from './progress';
import { resolveRoots } from './roots';

export interface RootsOptions {
  config?: string;
  reportUnusedSuppressions?: boolean;
  baseline?: BaselineFile;
  /** Report only findings in files changed since this git ref. */
  changedSince?: string;
  /** No progress line. */
  quiet?: boolean;
  /** Where `--verbose` notes go (undefined: not verbose). */
  note?: (text: string) => void;
}

export async function analyzeRoots(args: readonly string[], options: RootsOptions, deps: CliDeps): Promise<AnalysisResult> {
  const roots = resolveRoots(args, deps.cwd);
  const changed = options.changedSince === undefined ? undefined : roots.map((root) => changedFiles(root.absolute, options.changedSince!, root.arg));
  const results: AnalysisResult[] = [];
  for (const [i, root] of roots.entries()) {
    const progress = options.quiet ? undefined : createProgress(deps, `routeguard: analyzing ${oneLine(root.arg)}`);
    let result: AnalysisResult;
    try {
      result = await deps.analyze({
        root: root.absolute,
        configPath: options.config,
        onProgress: progress && ((done, total) => progress.update(done, total)),
        reportUnusedSuppressions: options.reportUnusedSuppressions,
        baseline: options.baseline,
      });
    } finally {
      progress?.clear();
    }
    const files = changed?.[i];
    if (files) {
      const all = result.findings.length;
      result = keepChangedFindings(result, files);
      options.note?.(`${oneLine(root.arg)}: ${files.size} file(s) changed since ${oneLine(options.changedSince!)}; reporting ${result.findings.length} of ${all} finding(s)`);
    }
    options.note?.(`${oneLine(root.arg)}: ${result.stats.sourceFiles} source file(s), ${result.stats.routes} route(s) in ${Math.round(result.stats.durationMs)} ms`);
    results.push(prefixResult(result, root.prefix));
  }
  return mergeResults(results, deps.cwd);
}
