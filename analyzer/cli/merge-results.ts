/**
 * Several roots analyzed one after another become one AnalysisResult for the reporters: every
 * project-relative path gets its root's prefix, and the lists are concatenated and re-sorted.
 */
import type { AnalysisResult } from '../engine/result';
import type { FileFacts } from '../model/ir';
import { compareFindings } from '../reporters/order';
import type { AnyRule } from '../../rules/utils/define-rule';

/**
 * The route model and findings are plain data in which every `file` property is a project-relative
 * path (Location, TextEdit, Problem, handlerFn), so renaming them is a structural walk.
 */
function renameFiles<T>(value: T, rename: (file: string) => string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => renameFiles(item, rename)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'file' && typeof item === 'string' ? rename(item) : renameFiles(item, rename);
  }
  // Same shape as the input, only strings changed.
  return out as T;
}

export function prefixResult(result: AnalysisResult, prefix: string): AnalysisResult {
  if (prefix === '') return result;
  const rename = (file: string): string => `${prefix}/${file}`;
  const files = new Map<string, FileFacts>();
  for (const [file, facts] of result.files) files.set(rename(file), { ...facts, path: rename(file) });
  const head = `${prefix}/`;
  return {
    ...result,
    files,
    model: renameFiles(result.model, rename),
    findings: renameFiles(result.findings, rename),
    problems: renameFiles(result.problems, rename),
    getText: (file) => (file.startsWith(head) ? result.getText(file.slice(head.length)) : undefined),
  };
}

export function mergeResults(results: readonly AnalysisResult[], root: string): AnalysisResult {
  if (results.length === 1) return results[0]!;
  const files = new Map<string, FileFacts>();
  const rules = new Map<string, AnyRule>();
  for (const r of results) {
    for (const [file, facts] of r.files) files.set(file, facts);
    for (const rule of r.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  }
  return {
    root,
    files,
    model: {
      routes: results.flatMap((r) => r.model.routes),
      apps: results.flatMap((r) => r.model.apps),
      problems: results.flatMap((r) => r.model.problems),
    },
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    problems: results.flatMap((r) => r.problems),
    rules: [...rules.values()],
    getText: (file) => {
      for (const r of results) {
        const text = r.getText(file);
        if (text !== undefined) return text;
      }
      return undefined;
    },
    stats: {
      sourceFiles: sum(results, (r) => r.stats.sourceFiles),
      textFiles: sum(results, (r) => r.stats.textFiles),
      routes: sum(results, (r) => r.stats.routes),
      durationMs: sum(results, (r) => r.stats.durationMs),
    },
  };
}

function sum(results: readonly AnalysisResult[], pick: (r: AnalysisResult) => number): number {
  return results.reduce((total, r) => total + pick(r), 0);
}
