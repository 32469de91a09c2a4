/**
 * Findings → LSP: diagnostics (LSP 3.17 § "Diagnostic") and fixes → workspace edits
 * (§ "WorkspaceEdit"). Only the server knows LSP; the analyzer's findings stay plain data with
 * offsets, converted here at the edge.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CreateFile,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, Severity, TextEdit } from '../analyzer/model/finding';
import { docsUrl } from '../rules/utils/define-rule';
import type { LineIndex } from './positions';

export const SOURCE = 'routeguard';

/** critical/high → Error, medium → Warning, low → Information. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'critical':
    case 'high':
      return DiagnosticSeverity.Error;
    case 'medium':
      return DiagnosticSeverity.Warning;
    case 'low':
      return DiagnosticSeverity.Information;
  }
}

/** What a diagnostic carries back to the server in `textDocument/codeAction` (§ "Diagnostic.data"). */
export interface DiagnosticData {
  fingerprint: string;
}

export interface Located {
  uri: string;
  index: LineIndex;
}

/**
 * `locate(file)` gives the URI and line index of a project-relative file, or undefined when its text
 * is unknown (then related information pointing there is dropped rather than misplaced).
 */
export function toDiagnostic(finding: Finding, index: LineIndex, locate: (file: string) => Located | undefined): Diagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related) {
    const at = locate(r.location.file);
    if (at) related.push({ location: { uri: at.uri, range: at.index.range(r.location.span) }, message: r.message });
  }
  const diagnostic: Diagnostic = {
    range: index.range(finding.location.span),
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data: { fingerprint: finding.fingerprint } satisfies DiagnosticData,
  };
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** What the client can apply (from `ClientCapabilities.workspace.workspaceEdit`). */
export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
}

/** A file touched by a fix: its URI, the open document's version (null when not open) and its current text. */
export interface EditTarget {
  uri: string;
  version: number | null;
  /** Undefined when the file does not exist. */
  index: LineIndex | undefined;
}

/**
 * The edits of one fix in the order `analyzer/engine/apply-fixes.ts` applies them: sorted, an edit
 * overlapping an earlier one dropped, the same insertion at the same place kept once. LSP requires
 * the edits of one document not to overlap (§ "TextEdit").
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && edit.start === edit.end && last.start === edit.start && last.end === edit.end && last.text === edit.text) continue;
    if (edit.start < cursor) continue;
    out.push(edit);
    cursor = edit.end;
  }
  return out;
}

/**
 * A fix's `[start, end)` edits as a WorkspaceEdit. With `documentChanges` the edits are versioned
 * (a client refuses them if the document changed since it was analyzed) and a missing file marked
 * `createIfMissing` is created first (`CreateFile`, § "Resource Changes"). Returns undefined when
 * the client cannot apply the fix (a file to create without resource-operation support, or an edit
 * on a missing file).
 */
export function toWorkspaceEdit(edits: readonly TextEdit[], target: (file: string) => EditTarget, caps: EditCapabilities): WorkspaceEdit | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, fileEdits] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const t = target(file);
    let lspEdits: LspTextEdit[];
    if (t.index) {
      lspEdits = normalizeEdits(fileEdits).map((e) => ({ range: t.index!.range({ start: e.start, end: e.end }), newText: e.text }));
    } else {
      if (!fileEdits.every((e) => e.createIfMissing) || !caps.documentChanges || !caps.createFiles) return undefined;
      // The new file's whole content, as the CLI would write it: the edits applied to an empty text.
      const text = normalizeEdits(fileEdits.map((e) => ({ ...e, start: 0, end: 0 }))).map((e) => e.text).join('');
      documentChanges.push({ kind: 'create', uri: t.uri, options: { ignoreIfExists: true } });
      lspEdits = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }];
    }
    documentChanges.push({ textDocument: { uri: t.uri, version: t.version }, edits: lspEdits });
    changes[t.uri] = lspEdits;
  }
  return caps.documentChanges ? { documentChanges } : { changes };
}

export function quickFix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred: boolean): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  if (preferred) action.isPreferred = true;
  return action;
}
