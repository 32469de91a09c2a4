/**
 * Offsets ↔ LSP positions. The analyzer speaks UTF-16 code-unit offsets; LSP 3.17 positions are a
 * 0-based line plus a character offset in the line, counted in UTF-16 code units by default
 * (§ "Position"; the server announces no other `positionEncoding`). This is the only place in the
 * server that does the conversion.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../analyzer/model/ir';
import { computeLineStarts } from '../analyzer/extract/lines';

export class LineIndex {
  private readonly starts: readonly number[];

  /** `lineStarts` may come from the file's facts (computed from the same text). */
  constructor(
    readonly text: string,
    lineStarts?: readonly number[],
  ) {
    this.starts = lineStarts ?? computeLineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - this.starts[lo]! };
  }

  /** The offset of a position; a character past the end of its line is clamped to the line's end (§ "Position"). */
  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(Math.max(span.start, span.end)) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** The offset just before the line's end-of-line characters. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(this.starts[line]!, end);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The end-of-line sequence the file uses (the first one found), for inserted lines. */
  eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
