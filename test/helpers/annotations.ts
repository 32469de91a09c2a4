/**
 * Inline expectations in fixture apps, after Semgrep's `ruleid:` / `ok:` / `todoruleid:` and
 * CodeQL's `$ Alert` / `$ MISSING: Alert`. An annotation is a whole-line comment that applies to
 * the next line that is neither blank nor a comment:
 *
 *   // expect: missing-auth, unvalidated-input     the finding must start on the next code line
 *   // expect-none: missing-auth                   it must not
 *   // todo-expect: missing-auth -- why not yet    a known false negative (fails once found)
 *   // todo-expect-none: missing-auth -- why       a known false positive (fails once gone)
 *
 * Text after ` -- ` is a comment. `todo-` annotations must give one, so the list of known gaps
 * says why each gap exists. In env, YAML and shell files the comment marker is `#`.
 */

export type AnnotationKind = 'expect' | 'expect-none' | 'todo-expect' | 'todo-expect-none';

export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** The text after ` -- `, if any. */
  note: string | undefined;
  /** 1-based line of the comment itself. */
  commentLine: number;
  /** 1-based line the annotation applies to: the next non-blank, non-comment line. */
  line: number;
}

export interface AnnotationError {
  /** 1-based line of the offending comment. */
  line: number;
  message: string;
}

export interface ParsedAnnotations {
  annotations: Annotation[];
  errors: AnnotationError[];
}

export type CommentStyle = 'js' | 'hash';

/** `#` comments for env, YAML, TOML, shell and Dockerfiles; `//` and block comments otherwise. */
export function commentStyleFor(file: string): CommentStyle | undefined {
  const base = file.split('/').pop() ?? file;
  if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(base)) return 'js';
  if (/^\.env(\..*)?$/.test(base) || /\.(ya?ml|toml|sh|ini|properties|conf)$/.test(base) || /^Dockerfile/.test(base)) return 'hash';
  return undefined;
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KINDS: readonly AnnotationKind[] = ['todo-expect-none', 'todo-expect', 'expect-none', 'expect'];
/** `expect: ids -- note`, after the comment marker has been removed. */
const ANNOTATION = /^(todo-expect-none|todo-expect|expect-none|expect):(.*)$/;
/** Something that was meant as an annotation but is malformed (`expect missing-auth`, `expects:`). */
const NEAR_MISS = /^(todo[-_ ]?)?expect(s|ed)?([-_ ]none)?\b/i;

interface LineInfo {
  /** The comment text if the whole line is a comment (marker removed), else undefined. */
  comment: string | undefined;
  /** The line holds code (or other content that an annotation can apply to). */
  isCode: boolean;
  /** A line comment trailing code, whose text looks like an annotation. */
  trailing: string | undefined;
}

/**
 * Classifies each line as blank, comment-only or code. Block comments (including JSX
 * `{/* … *\/}`) are handled line by line; string contents are not tokenized, which is fine for
 * fixtures: an annotation-looking string literal is not on a comment-only line.
 */
function classifyLines(text: string, style: CommentStyle): LineInfo[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: LineInfo[] = [];
  let inBlock = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (style === 'hash') {
      if (line.startsWith('#')) out.push({ comment: line.slice(1).trim(), isCode: false, trailing: undefined });
      else out.push({ comment: undefined, isCode: line !== '', trailing: undefined });
      continue;
    }
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end === -1) {
        out.push({ comment: line.replace(/^\*\s?/, '').trim(), isCode: false, trailing: undefined });
        continue;
      }
      inBlock = false;
      const rest = line.slice(end + 2).replace(/^\}/, '').trim();
      out.push({ comment: line.slice(0, end).replace(/^\*\s?/, '').trim(), isCode: rest !== '', trailing: undefined });
      continue;
    }
    if (line === '') {
      out.push({ comment: undefined, isCode: false, trailing: undefined });
      continue;
    }
    if (line.startsWith('//')) {
      out.push({ comment: line.slice(2).trim(), isCode: false, trailing: undefined });
      continue;
    }
    const block = /^\{?\/\*/.exec(line);
    if (block) {
      const body = line.slice(block[0].length);
      const end = body.indexOf('*/');
      if (end === -1) {
        inBlock = true;
        out.push({ comment: body.replace(/^\*\s?/, '').trim(), isCode: false, trailing: undefined });
        continue;
      }
      const rest = body.slice(end + 2).replace(/^\}/, '').trim();
      if (rest === '') {
        out.push({ comment: body.slice(0, end).replace(/^\*\s?/, '').trim(), isCode: false, trailing: undefined });
        continue;
      }
    }
    const trailingAt = line.lastIndexOf('// ');
    const trailing = trailingAt > 0 ? line.slice(trailingAt + 3).trim() : undefined;
    out.push({ comment: undefined, isCode: true, trailing });
  }
  return out;
}

export function parseAnnotations(text: string, style: CommentStyle = 'js'): ParsedAnnotations {
  const lines = classifyLines(text, style);
  const annotations: Annotation[] = [];
  const errors: AnnotationError[] = [];
  const pending: Omit<Annotation, 'line'>[] = [];

  lines.forEach((info, i) => {
    const lineNo = i + 1;
    if (info.trailing !== undefined && (ANNOTATION.test(info.trailing) || NEAR_MISS.test(info.trailing))) {
      errors.push({ line: lineNo, message: `annotation after code ("${info.trailing}"): put it on its own line above the code it describes` });
    }
    if (info.comment !== undefined) {
      const parsed = parseComment(info.comment, lineNo);
      if ('error' in parsed) errors.push({ line: lineNo, message: parsed.error });
      else pending.push(...parsed.annotations);
      return;
    }
    if (info.isCode && pending.length > 0) {
      for (const a of pending) annotations.push({ ...a, line: lineNo });
      pending.length = 0;
    }
  });
  for (const a of pending) errors.push({ line: a.commentLine, message: `'${a.kind}: ${a.ruleId}' is not followed by any code line` });
  return { annotations, errors };
}

function parseComment(comment: string, lineNo: number): { annotations: Omit<Annotation, 'line'>[] } | { error: string } {
  const match = ANNOTATION.exec(comment);
  if (!match) {
    if (NEAR_MISS.test(comment)) return { error: `malformed annotation "${comment}": write one of ${KINDS.map((k) => `'${k}: rule-id'`).join(', ')}` };
    return { annotations: [] };
  }
  const kind = match[1] as AnnotationKind;
  const rest = match[2]!;
  const sep = rest.indexOf(' -- ');
  const idsText = (sep === -1 ? rest : rest.slice(0, sep)).trim();
  const note = sep === -1 ? undefined : rest.slice(sep + 4).trim() || undefined;
  const ids = idsText.split(',').map((s) => s.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) return { error: `'${kind}:' needs a comma-separated list of rule ids, got "${idsText}"` };
  const bad = ids.find((id) => !RULE_ID.test(id));
  if (bad !== undefined) return { error: `'${bad}' is not a rule id (kebab-case, e.g. missing-auth); a comment goes after ' -- '` };
  if (kind.startsWith('todo-') && !note) return { error: `'${kind}: ${idsText}' needs a reason after ' -- ' saying why the analyzer gets it wrong` };
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return { error: `rule id '${id}' is listed twice` };
    seen.add(id);
  }
  return { annotations: ids.map((ruleId) => ({ kind, ruleId, note, commentLine: lineNo })) };
}

export interface ActualFinding {
  ruleId: string;
  line: number;
  message: string;
}

/**
 * Compares a file's annotations with the findings located in it. Returns one line per mismatch,
 * prefixed with `file:line`.
 */
export function compareFile(file: string, annotations: readonly Annotation[], findings: readonly ActualFinding[]): string[] {
  const failures: string[] = [];
  const has = (ruleId: string, line: number) => findings.some((f) => f.ruleId === ruleId && f.line === line);
  for (const a of annotations) {
    const where = `${file}:${a.line}`;
    const found = has(a.ruleId, a.line);
    const note = a.note ? ` (${a.note})` : '';
    switch (a.kind) {
      case 'expect':
        if (!found) failures.push(`missing finding ${a.ruleId} at ${where}${note}${nearby(findings, a)}`);
        break;
      case 'expect-none':
        if (found) failures.push(`unexpected finding ${a.ruleId} at ${where} (annotated expect-none${a.note ? `: ${a.note}` : ''}): ${messageAt(findings, a)}`);
        break;
      case 'todo-expect':
        if (found) failures.push(`gap closed: ${a.ruleId} is now found at ${where}; turn 'todo-expect' into 'expect' (comment line ${a.commentLine})`);
        break;
      case 'todo-expect-none':
        if (!found) failures.push(`gap closed: ${a.ruleId} is no longer reported at ${where}; turn 'todo-expect-none' into 'expect-none' (comment line ${a.commentLine})`);
        break;
    }
  }
  for (const f of findings) {
    // Findings under any annotation of their rule were judged above.
    if (annotations.some((a) => a.ruleId === f.ruleId && a.line === f.line)) continue;
    failures.push(`unexpected finding ${f.ruleId} at ${file}:${f.line}: ${f.message}`);
  }
  return failures;
}

function messageAt(findings: readonly ActualFinding[], a: Annotation): string {
  return findings.find((f) => f.ruleId === a.ruleId && f.line === a.line)?.message ?? '';
}

/** A hint when the finding exists but on another line (usually an annotation above the wrong line). */
function nearby(findings: readonly ActualFinding[], a: Annotation): string {
  const lines = findings.filter((f) => f.ruleId === a.ruleId && Math.abs(f.line - a.line) <= 3).map((f) => f.line);
  return lines.length > 0 ? ` — but it is reported on line ${lines.join(', ')}` : '';
}
