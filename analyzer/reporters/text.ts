/**
 * The human report (ESLint's "stylish" layout): findings grouped by file, then a risk summary with
 * the order in which to fix them, then the problems met on the way. Suppressed findings are left
 * out (only counted). No source snippets are printed, so a secret never appears in full.
 */
import type pc from 'picocolors';
import type { AnalysisResult } from '../engine/result';
import { SEVERITIES, type Finding, type Severity } from '../model/finding';
import type { Problem } from '../model/route-model';
import { alignColumns } from './columns';
import { createLocator, type Locator } from './locate';
import { compareByRisk, countBySeverity, isActive, sortedFindings, sortedProblems } from './order';
import { oneLine } from './sanitize';

export type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  /** picocolors' `createColors(enabled)`. */
  colors: Colors;
  /** List every problem and every fix-list entry instead of the first few. */
  verbose?: boolean;
  /** Only the findings: no summary, fix-first list, problems or totals (`--quiet`). */
  quiet?: boolean;
}

const FIX_LIST_LIMIT = 25;
const PROBLEM_LIMIT = 5;

export function formatText(result: AnalysisResult, options: TextOptions): string {
  const c = options.colors;
  const locator = createLocator(result);
  const active = sortedFindings(result.findings.filter(isActive));
  const suppressed = result.findings.length - active.length;
  const out: string[] = [];

  append(out, findingsByFile(active, locator, c));
  // Each file group ends with a blank line; the last one is not needed.
  if (options.quiet) return out.length > 0 ? out.slice(0, -1).join('\n') + '\n' : '';
  append(out, riskSummary(active, suppressed, locator, options));
  append(out, problemsSection(sortedProblems(result.problems), locator, options));
  out.push(c.dim(`Analyzed ${plural(result.stats.sourceFiles, 'source file')} and ${plural(result.stats.routes, 'route')}.`));
  return out.join('\n') + '\n';
}

/**
 * `out.push(...lines)` without the spread: a spread passes every line as an argument, and a file
 * with a hundred thousand findings overflows the stack.
 */
function append(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line);
}

function severityStyle(c: Colors, severity: Severity): (s: string) => string {
  switch (severity) {
    case 'critical':
      return (s) => c.bold(c.red(s));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.blue;
  }
}

function findingsByFile(findings: readonly Finding[], locator: Locator, c: Colors): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < findings.length) {
    const file = findings[i]!.location.file;
    const group: Finding[] = [];
    while (i < findings.length && findings[i]!.location.file === file) group.push(findings[i++]!);
    out.push(c.underline(oneLine(file)));
    const rows = group.map((f) => {
      const pos = locator.position(f.location.file, f.location.span.start);
      return [
        { text: `${pos.line}:${pos.column}`, style: c.dim },
        { text: f.severity, style: severityStyle(c, f.severity) },
        oneLine(f.message),
        { text: f.ruleId, style: c.dim },
      ];
    });
    append(out, alignColumns(rows, { indent: '  ' }));
    out.push('');
  }
  return out;
}

function riskSummary(active: readonly Finding[], suppressed: number, locator: Locator, options: TextOptions): string[] {
  const c = options.colors;
  const suppressedNote = suppressed > 0 ? ` (${suppressed} suppressed)` : '';
  if (active.length === 0) return [c.green(`No findings${suppressedNote}.`), ''];

  const counts = countBySeverity(active);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => severityStyle(c, s)(`${counts[s]} ${s}`));
  const out = [c.bold(`${plural(active.length, 'finding')}: ${parts.join(', ')}${suppressedNote}`), '', c.bold('Fix first:')];

  const ordered = [...active].sort(compareByRisk);
  const shown = options.verbose ? ordered : ordered.slice(0, FIX_LIST_LIMIT);
  const rows = shown.map((f, n) => {
    const pos = locator.position(f.location.file, f.location.span.start);
    return [
      { text: `${n + 1}.`, align: 'right' as const },
      { text: f.severity, style: severityStyle(c, f.severity) },
      f.ruleId,
      { text: `${oneLine(f.location.file)}:${pos.line}:${pos.column}`, style: c.dim },
      oneLine(f.message),
    ];
  });
  append(out, alignColumns(rows, { indent: '  ' }));
  if (shown.length < ordered.length) out.push(c.dim(`  … and ${ordered.length - shown.length} more (--verbose lists all)`));
  out.push('');
  return out;
}

function problemsSection(problems: readonly Problem[], locator: Locator, options: TextOptions): string[] {
  if (problems.length === 0) return [];
  const c = options.colors;
  const shown = options.verbose ? problems : problems.slice(0, PROBLEM_LIMIT);
  const out = [c.bold(`Problems (${problems.length}):`)];
  for (const p of shown) out.push(`  ${c.yellow(describeProblemPlace(p, locator))}: ${oneLine(p.message)} ${c.dim(`(${oneLine(p.kind)})`)}`);
  if (shown.length < problems.length) out.push(c.dim(`  … and ${problems.length - shown.length} more (--verbose lists all)`));
  out.push('');
  return out;
}

function describeProblemPlace(problem: Problem, locator: Locator): string {
  if (problem.file === undefined) return 'project';
  if (problem.span === undefined) return oneLine(problem.file);
  const pos = locator.position(problem.file, problem.span.start);
  return `${oneLine(problem.file)}:${pos.line}:${pos.column}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
