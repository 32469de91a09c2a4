/**
 * Applying text edits to file contents, ESLint-style: edits are `[start, end)` offset ranges in the
 * original text; overlapping edits after the first are skipped (a second pass would pick them up).
 */
import type { TextEdit } from '../model/finding';

export interface AppliedEdits {
  text: string;
  applied: number;
  skipped: number;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): AppliedEdits {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  let applied = 0;
  let skipped = 0;
  let lastInsertAt = -1;
  let lastText = '';
  for (const edit of sorted) {
    if (edit.start < cursor || edit.start > text.length) {
      skipped++;
      continue;
    }
    // Two fixes inserting the same text at the same place (e.g. the same import) count once.
    if (edit.start === edit.end && edit.start === lastInsertAt && edit.text === lastText) continue;
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    applied++;
    lastInsertAt = edit.start;
    lastText = edit.text;
  }
  out += text.slice(cursor);
  return { text: out, applied, skipped };
}

/** Groups edits by file, so each file's edits can be applied to its own text. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const map = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = map.get(e.file) ?? [];
    list.push(e);
    map.set(e.file, list);
  }
  return map;
}
