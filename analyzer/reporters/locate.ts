/**
 * Offsets → 1-based lines and columns for every reporter. Findings and the route model carry
 * offsets only; this is the one place where they become positions (knip: convert at the edge).
 */
import type { AnalysisResult } from '../engine/result';
import type { Location } from '../model/route-model';
import { computeLineStarts, positionAt, type Position } from '../extract/lines';

/** A 1-based range; `endColumn` is the column just after the last character (as in SARIF and LSP). */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Locator {
  position(file: string, offset: number): Position;
  range(location: Location): Range;
}

export function createLocator(result: Pick<AnalysisResult, 'files' | 'getText'>): Locator {
  // Files without facts (.env, Dockerfile, …) are split into lines once and remembered.
  const computed = new Map<string, number[]>();
  const lineStartsOf = (file: string): readonly number[] => {
    const known = result.files.get(file)?.lineStarts;
    if (known) return known;
    let starts = computed.get(file);
    if (!starts) {
      starts = computeLineStarts(result.getText(file) ?? '');
      computed.set(file, starts);
    }
    return starts;
  };
  const position = (file: string, offset: number): Position => positionAt(lineStartsOf(file), offset);
  return {
    position,
    range(location) {
      const start = position(location.file, location.span.start);
      const end = position(location.file, Math.max(location.span.start, location.span.end));
      return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
    },
  };
}
