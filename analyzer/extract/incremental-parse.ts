/**
 * Incremental parsing for the language server: the syntax trees of the files edited last, kept so
 * that the next keystroke's text is parsed with `ts.updateSourceFile` (TypeScript reuses every
 * node the edit cannot have changed) instead of from scratch. On the editor bench's 2,000-line
 * route file that parse costs ~1.3 ms instead of ~4.5 ms and allocates a fraction of a new tree.
 *
 * The facts are those of a full parse: the tree `updateSourceFile` returns is the tree a full
 * parse would give (TypeScript's language service relies on that). Its parent pointers are set
 * by TypeScript where it rebuilt or moved nodes and, in reused subtrees, are the ones the last
 * extraction walk set: each is either unset or right (a reused subtree keeps its structure), which
 * is all the walk assumes of a fresh tree (it binds parents as it goes; `ensureParents` fills in
 * the ones it needs ahead of the walk when they are unset). `test/incremental-parse.test.ts`
 * compares the facts after random edit sequences with those of a full parse.
 *
 * A tree is the parse of one text: `updateSourceFile` moves the old tree's nodes, so a tree is used
 * once and replaced by its update. Any doubt (another script kind, a text that is not the one the
 * tree was parsed from, an exception while updating) takes a full parse, and so does a syntax
 * error in the old or the new tree: TypeScript's error recovery is not always the same in an
 * incremental parse (bench/incremental-parse-check.ts found a diagnostic more or less, another
 * first error, and a JS file's statements recovered otherwise, all in files with syntax errors).
 */
import ts from 'typescript';
import type { FileFacts } from '../model/ir';
import { type ExtractOptions, extractParsed, parseWithoutParents, PARSE_OPTIONS, scriptKindOfPath } from './extract-file';
import { changedRange } from '../engine/edit-region';

export interface IncrementalStats {
  /** Parses made by updating a kept tree. */
  incremental: number;
  /** Full parses (no kept tree, or a fallback). */
  full: number;
  /** Updates that threw (the file was then parsed in full). */
  failed: number;
  /** Updates whose tree had syntax errors (then parsed in full: see `update`). */
  rejected: number;
}

function parseErrors(tree: ts.SourceFile): number {
  return (tree as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

/** The syntax trees of the last `capacity` files extracted through it, by path (least recent first). */
export class SyntaxTreeCache {
  private readonly trees = new Map<string, ts.SourceFile>();
  readonly stats: IncrementalStats = { incremental: 0, full: 0, failed: 0, rejected: 0 };

  constructor(private readonly capacity = 2) {}

  /**
   * `extractFile(path, text, options)`, parsing incrementally from the kept tree of `path` when
   * there is one for `previousText` (the text the caller last extracted for `path`), and keeping
   * the new tree in its place.
   */
  extract(path: string, text: string, previousText: string | undefined, options: ExtractOptions = {}): FileFacts {
    const previous = this.trees.get(path);
    // The old tree is unusable after an update (its nodes moved), and a failed one must not be kept.
    this.trees.delete(path);
    let tree: ts.SourceFile | undefined;
    const facts = extractParsed(path, text, options, (file, newText) => {
      tree = previous !== undefined && previousText !== undefined && previous.text === previousText ? this.update(previous, file, newText) : undefined;
      if (tree === undefined) {
        this.stats.full++;
        tree = parseWithoutParents(file, newText);
      }
      return tree;
    });
    if (tree !== undefined && this.capacity > 0) {
      this.trees.set(path, tree);
      for (const oldest of this.trees.keys()) {
        if (this.trees.size <= this.capacity) break;
        this.trees.delete(oldest);
      }
    }
    return facts;
  }

  /** Forgets the tree of `path` (the file was removed), or all of them. */
  drop(path?: string): void {
    if (path === undefined) this.trees.clear();
    else this.trees.delete(path);
  }

  /** Paths with a kept tree, least recently extracted first. */
  get paths(): string[] {
    return [...this.trees.keys()];
  }

  /** `previous` updated to `text`, or undefined when it cannot be (then the caller parses in full). */
  private update(previous: ts.SourceFile, path: string, text: string): ts.SourceFile | undefined {
    // `scriptKind` and `jsDocParsingMode` are internal to TypeScript (updateSourceFile parses with
    // them); read here only to make sure the tree was parsed as a full parse would be.
    const internal = previous as unknown as { scriptKind?: ts.ScriptKind; jsDocParsingMode?: ts.JSDocParsingMode };
    if (
      parseErrors(previous) > 0 ||
      previous.fileName !== path ||
      internal.scriptKind !== scriptKindOfPath(path) ||
      internal.jsDocParsingMode !== PARSE_OPTIONS.jsDocParsingMode ||
      previous.languageVersion !== PARSE_OPTIONS.languageVersion
    ) {
      return undefined;
    }
    const range = changedRange(previous.text, text) ?? { start: 0, oldEnd: 0, newEnd: 0 };
    try {
      const change = ts.createTextChangeRange(ts.createTextSpan(range.start, range.oldEnd - range.start), range.newEnd - range.start);
      const tree = ts.updateSourceFile(previous, text, change);
      // TypeScript's error recovery may differ between an incremental and a full parse (a
      // diagnostic more or less, another first error, statements recovered otherwise in a JS file):
      // a tree with syntax errors, or made from one, is parsed again in full.
      if (tree.text !== text || tree.languageVariant !== previous.languageVariant || parseErrors(tree) > 0) {
        this.stats.rejected++;
        return undefined;
      }
      this.stats.incremental++;
      return tree;
    } catch {
      this.stats.failed++;
      return undefined;
    }
  }
}
