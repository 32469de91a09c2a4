/**
 * SARIF 2.1.0 output (OASIS standard, errata 01), shaped for GitHub code scanning. Only this module
 * knows SARIF. Paths are relative to `%SRCROOT%`, which is left without a `uri` so that no
 * absolute path of the machine leaks into the log.
 */
import type * as Sarif from 'sarif';
import type { AnalysisResult } from '../engine/result';
import type { Finding, Fix, TextEdit } from '../model/finding';
import type { Location, Problem } from '../model/route-model';
import { createLocator, type Locator, type Range } from './locate';
import { compareStrings, sortedFindings, sortedProblems } from './order';
import { buildRuleDescriptors, sarifLevel } from './sarif-rules';
import { TOOL, type ToolInfo } from './tool';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'routeguard/v1';

export function toSarif(result: AnalysisResult, tool: ToolInfo = TOOL): Sarif.Log {
  const locator = createLocator(result);
  const findings = sortedFindings(result.findings);
  const { descriptors, indexOf } = buildRuleDescriptors(result.rules, findings.map((f) => f.ruleId));
  const results = findings.map((f) => sarifResult(f, indexOf.get(f.ruleId) ?? -1, locator)).sort(compareResults);

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: descriptors,
          },
        },
        // §3.14.14: the base is the directory RouteGuard ran in; its absolute path is left out on purpose.
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The directory RouteGuard analyzed from.' } } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: sortedProblems(result.problems).map((p) => notification(p, locator)),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: AnalysisResult, tool: ToolInfo = TOOL): string {
  return JSON.stringify(toSarif(result, tool), null, 2) + '\n';
}

/** §3.10.2: `uri` is a URI reference, so each path segment is percent-encoded (`[id]` → `%5Bid%5D`). */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string): Sarif.ArtifactLocation {
  return { uri: fileUri(file), uriBaseId: SRCROOT };
}

function region(range: Range): Sarif.Region {
  return { startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn };
}

function physicalLocation(location: Location, locator: Locator): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(location.file), region: region(locator.range(location)) };
}

function sarifResult(f: Finding, ruleIndex: number, locator: Locator): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.location, locator) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: f.routeKey !== undefined ? { severity: f.severity, routeKey: f.routeKey } : { severity: f.severity },
  };
  if (f.related.length > 0) {
    out.relatedLocations = f.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: physicalLocation(r.location, locator),
      message: { text: r.message },
    }));
  }
  if (f.fix && f.fix.edits.length > 0) out.fixes = [sarifFix(f.fix, locator)];
  if (f.suppressed) {
    // §3.35.2: an inline comment is kept "inSource"; a baseline lives outside the code ("external").
    out.suppressions = [{ kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external', justification: f.suppressed.reason }];
  }
  return out;
}

/** §3.55: one artifactChange per file, replacements in offset order. */
function sarifFix(fix: Fix, locator: Locator): Sarif.Fix {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const files = [...byFile.keys()].sort(compareStrings);
  return {
    description: { text: fix.title },
    artifactChanges: files.map((file) => ({
      artifactLocation: artifactLocation(file),
      replacements: byFile
        .get(file)!
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map((e) => ({
          deletedRegion: region(locator.range({ file, span: { start: e.start, end: e.end } })),
          insertedContent: { text: e.text },
        })),
    })),
  };
}

function notification(p: Problem, locator: Locator): Sarif.Notification {
  const out: Sarif.Notification = { level: 'warning', message: { text: p.message }, descriptor: { id: p.kind } };
  if (p.file !== undefined) {
    const physical: Sarif.PhysicalLocation = { artifactLocation: artifactLocation(p.file) };
    if (p.span !== undefined) physical.region = region(locator.range({ file: p.file, span: p.span }));
    out.locations = [{ physicalLocation: physical }];
  }
  return out;
}

function firstRegion(r: Sarif.Result): { uri: string; line: number; column: number } {
  const loc = r.locations?.[0]?.physicalLocation;
  return { uri: loc?.artifactLocation?.uri ?? '', line: loc?.region?.startLine ?? 0, column: loc?.region?.startColumn ?? 0 };
}

/** Results sorted by uri, line, column, rule id; ties keep the findings' order (the sort is stable). */
function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const x = firstRegion(a);
  const y = firstRegion(b);
  return compareStrings(x.uri, y.uri) || x.line - y.line || x.column - y.column || compareStrings(a.ruleId ?? '', b.ruleId ?? '');
}
