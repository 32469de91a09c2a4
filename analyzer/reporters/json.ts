/**
 * The machine report. Its shape is a public contract documented in docs/json-schema.md: add
 * fields freely, but renaming or removing one needs `version` to go up.
 */
import type { AnalysisResult } from '../engine/result';
import type { Finding, Fix, Severity } from '../model/finding';
import type { Location, Problem } from '../model/route-model';
import { createLocator, type Locator } from './locate';
import { countBySeverity, isActive, sortedFindings, sortedProblems } from './order';
import { TOOL, type ToolInfo } from './tool';

/** 1-based; `endColumn` is the column just after the last character. */
export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonRelated extends JsonLocation {
  message: string;
}

export interface JsonEdit extends JsonLocation {
  /** UTF-16 offsets of the replaced text, `[start, end)`. */
  start: number;
  end: number;
  text: string;
  createIfMissing?: boolean;
}

export interface JsonFix {
  title: string;
  kind: Fix['kind'];
  edits: JsonEdit[];
}

export interface JsonFinding extends JsonLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  fingerprint: string;
  routeKey: string | null;
  related: JsonRelated[];
  fix: JsonFix | null;
  suppressed?: { kind: 'inline' | 'baseline'; reason: string };
}

export interface JsonProblem {
  file: string | null;
  line: number | null;
  column: number | null;
  kind: string;
  message: string;
}

export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  root: '.';
  summary: Record<Severity, number> & { suppressed: number; problems: number };
  findings: JsonFinding[];
  problems: JsonProblem[];
  routes: number;
}

export function toJsonReport(result: AnalysisResult, tool: ToolInfo = TOOL): JsonReport {
  const locator = createLocator(result);
  const findings = sortedFindings(result.findings);
  const active = findings.filter(isActive);
  return {
    version: 1,
    tool: { name: tool.name, version: tool.version },
    root: '.',
    summary: { ...countBySeverity(active), suppressed: findings.length - active.length, problems: result.problems.length },
    findings: findings.map((f) => jsonFinding(f, locator)),
    problems: sortedProblems(result.problems).map((p) => jsonProblem(p, locator)),
    routes: result.model.routes.length,
  };
}

export function formatJson(result: AnalysisResult, tool: ToolInfo = TOOL): string {
  return JSON.stringify(toJsonReport(result, tool), null, 2) + '\n';
}

function jsonLocation(location: Location, locator: Locator): JsonLocation {
  const r = locator.range(location);
  return { file: location.file, line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn };
}

function jsonFinding(f: Finding, locator: Locator): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...jsonLocation(f.location, locator),
    fingerprint: f.fingerprint,
    routeKey: f.routeKey ?? null,
    related: f.related.map((r) => ({ message: r.message, ...jsonLocation(r.location, locator) })),
    fix: f.fix ? jsonFix(f.fix, locator) : null,
  };
  if (f.suppressed) out.suppressed = { kind: f.suppressed.kind, reason: f.suppressed.reason };
  return out;
}

function jsonFix(fix: Fix, locator: Locator): JsonFix {
  return {
    title: fix.title,
    kind: fix.kind,
    edits: fix.edits.map((e) => {
      const edit: JsonEdit = {
        ...jsonLocation({ file: e.file, span: { start: e.start, end: e.end } }, locator),
        start: e.start,
        end: e.end,
        text: e.text,
      };
      if (e.createIfMissing) edit.createIfMissing = true;
      return edit;
    }),
  };
}

function jsonProblem(p: Problem, locator: Locator): JsonProblem {
  const pos = p.file !== undefined && p.span !== undefined ? locator.position(p.file, p.span.start) : undefined;
  return { file: p.file ?? null, line: pos?.line ?? null, column: pos?.column ?? null, kind: p.kind, message: p.message };
}
