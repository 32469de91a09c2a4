/**
 * Extraction: one source text → its `FileFacts`. This and `analyzer/project` are the only modules
 * that see TypeScript syntax trees; the tree is dropped when this returns (the language server's
 * session keeps the edited file's tree for an incremental parse: `incremental-parse.ts`).
 *
 * The walk is recursive but bounded: below `MAX_NODE_DEPTH` nested nodes it stops descending and
 * records a problem, and expression summaries stop at `MAX_EXPR_DEPTH`, so hostile inputs (10,000
 * nested parentheses) cannot overflow the stack.
 */
import ts from 'typescript';
import type {
  BlockEffect,
  BoundName,
  CallSite,
  Expr,
  FileFacts,
  FnId,
  FunctionFacts,
  Guard,
  ImportDecl,
  ObjProp,
  Span,
  VarDecl,
} from '../model/ir';
import { TOP_LEVEL } from '../model/ir';
import { computeLineStarts } from './lines';

// TypeScript's namespace members are getters in its bundle; reading them once here keeps them
// off the hot path (measured: ~10% of extraction time on a 1,000-file corpus).
const SK = ts.SyntaxKind;
const {
  canHaveModifiers,
  flattenDiagnosticMessageText,
  forEachChild,
  getLeadingCommentRanges,
  getModifiers,
  isArrowFunction,
  isAwaitExpression,
  isBinaryExpression,
  isBlock,
  isCallExpression,
  isCaseClause,
  isComputedPropertyName,
  isDefaultClause,
  isElementAccessExpression,
  isExportAssignment,
  isExpressionStatement,
  isExternalModuleReference,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isIfStatement,
  isNamedImports,
  isNamespaceExport,
  isNamespaceImport,
  isNewExpression,
  isNonNullExpression,
  isNumericLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isOmittedExpression,
  isParenthesizedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isReturnStatement,
  isShorthandPropertyAssignment,
  isSourceFile,
  isSpreadAssignment,
  isStringLiteral,
  isStringLiteralLike,
  isVariableDeclaration,
  isVariableStatement,
  tokenToString,
} = ts;

/** Expressions summarized as the expression inside them. */
const UNWRAPPED: ReadonlySet<ts.SyntaxKind> = new Set([SK.ParenthesizedExpression, SK.AsExpression, SK.SatisfiesExpression, SK.NonNullExpression, SK.TypeAssertionExpression]);

const MAX_NODE_DEPTH = 400;
const { JSDoc: JSDOC_FLAG, Const: CONST_FLAG, Let: LET_FLAG } = ts.NodeFlags;
const NO_ARGUMENTS: readonly ts.Expression[] = [];
/** Response methods that answer the request. */
const RESPONDING_METHODS: ReadonlySet<string> = new Set(['json', 'send', 'end', 'sendFile', 'render', 'jsonp', 'sendStatus']);
const MAX_EXPR_DEPTH = 10;

export interface ExtractOptions {
  /** Stop walking (and record a problem) after this many milliseconds. */
  timeBudgetMs?: number;
}

export function languageOf(path: string): FileFacts['language'] {
  if (/\.(tsx)$/i.test(path)) return 'tsx';
  if (/\.(jsx)$/i.test(path)) return 'jsx';
  if (/\.(ts|mts|cts)$/i.test(path)) return 'ts';
  return 'js';
}

function scriptKindOf(language: FileFacts['language']): ts.ScriptKind {
  switch (language) {
    case 'ts':
      return ts.ScriptKind.TS;
    case 'tsx':
      return ts.ScriptKind.TSX;
    case 'jsx':
      return ts.ScriptKind.JSX;
    default:
      // JS files may contain JSX in React projects; parsing as JSX accepts both.
      return ts.ScriptKind.JSX;
  }
}

/** The syntax tree of `text`, with parent pointers. */
export function parseSource(path: string, text: string): ts.SourceFile {
  const sf = parseWithoutParents(path, text);
  setParents(sf);
  return sf;
}

/** The options of every parse for extraction (a full parse, and an incremental one: `incremental-parse.ts`). */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** How extraction parses `path`: its script kind (a `.js` file as JSX). */
export function scriptKindOfPath(path: string): ts.ScriptKind {
  return scriptKindOf(languageOf(path));
}

/** The tree extraction walks: no parent pointers (the walk sets them), no JSDoc. */
export function parseWithoutParents(path: string, text: string): ts.SourceFile {
  // Parent pointers are not set by `setParentNodes`: TypeScript's pass also binds JSDoc nodes
  // through a generic work queue, about a tenth of the parse. The extraction sets them itself as
  // it walks (see `Extractor.visit`).
  // JSDoc is not parsed at all (comments stay trivia, which is all the extraction reads): on the
  // bench corpus that halves the parse (608 → 289 ms for 900 files, warm).
  return ts.createSourceFile(path, text, PARSE_OPTIONS, /*setParentNodes*/ false, scriptKindOf(languageOf(path)));
}

/** Sets `parent` on every node below `root`, iteratively (a deeply nested file cannot overflow the stack). */
function setParents(root: ts.Node): void {
  const stack: ts.Node[] = [root];
  let parent: ts.Node = root;
  const bind = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = parent;
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    parent = stack.pop()!;
    forEachChild(parent, bind);
  }
}

export function emptyEffect(): BlockEffect {
  return {
    statuses: [],
    exits: false,
    throws: false,
    redirects: false,
    callsNext: false,
    nextWithError: false,
    responds: false,
  };
}

/** Extracts the facts of one file. Never throws: failures become `problems`. */
export function extractFile(path: string, text: string, options: ExtractOptions = {}): FileFacts {
  return extractParsed(path, text, options, parseWithoutParents);
}

/**
 * `extractFile` with the tree made by `parse` (the language server's incremental parse:
 * `incremental-parse.ts`), which must give the tree a full parse of `text` would. An exception
 * from `parse` is handled as one from the parser.
 */
export function extractParsed(path: string, text: string, options: ExtractOptions, parse: (path: string, text: string) => ts.SourceFile): FileFacts {
  const facts: FileFacts = {
    path,
    language: languageOf(path),
    lineStarts: computeLineStarts(text),
    directives: [],
    imports: [],
    exports: [],
    functions: [],
    decls: [],
    assignments: [],
    calls: [],
    guards: [],
    returns: [],
    throws: [],
    switches: [],
    reads: [],
    comments: [],
    problems: [],
  };
  // The budget covers parsing too: a huge file that takes the whole budget to parse is not walked.
  const deadline = Date.now() + (options.timeBudgetMs ?? 2_000);
  try {
    const sf = parse(path, text);
    const diagnostics = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    if (diagnostics.length > 0) {
      const first = diagnostics[0]!;
      facts.problems.push({
        message: `syntax error: ${flattenDiagnosticMessageText(first.messageText, ' ')} (${diagnostics.length} in file; the rest of the file is analyzed as parsed)`,
        span: { start: first.start, end: first.start + first.length },
      });
    }
    new Extractor(sf, facts, deadline).run();
  } catch (error) {
    // A stack overflow inside TypeScript's own parser or a bug here must not stop the run.
    const reason = error instanceof RangeError ? 'nesting too deep to parse' : `extraction failed (${String((error as Error)?.message ?? error)})`;
    facts.problems.push({ message: reason, span: { start: 0, end: 0 }, kind: error instanceof RangeError ? 'nesting-depth' : 'parse' });
  }
  return facts;
}

class Extractor {
  private readonly text: string;
  private readonly deadline: number;
  private depthProblemReported = false;
  private timedOut = false;
  /** Nodes visited; the clock is read every 1,024 of them (not per call site: a file may have none). */
  private visited = 0;
  private readonly seenComments = new Set<number>();
  private lastTriviaPos = -1;
  private readonly fnIds = new Map<ts.Node, FnId>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly facts: FileFacts,
    deadline: number,
  ) {
    this.text = sf.text;
    this.deadline = deadline;
  }

  run(): void {
    this.facts.directives = prologueDirectives(this.sf.statements);
    this.bindParent = this.sf;
    this.current = this.sf;
    forEachChild(this.sf, this.bindChild);
    this.top = 0;
    try {
      for (const statement of this.sf.statements) this.visit(statement, TOP_LEVEL, 0);
      this.collectComments(this.sf.endOfFileToken);
    } catch (error) {
      // Effects made so far are whole, as when each was walked on its own at registration.
      this.effectsIncomplete = true;
      try {
        this.recomputeEffects();
      } catch {
        // The first error is the one reported.
      }
      throw error;
    }
    if (this.effectsIncomplete) this.recomputeEffects();
  }

  private span(node: ts.Node): Span {
    return { start: this.startOf(node), end: node.end };
  }

  /**
   * `node.getStart(sf)`: where its first token starts, after its leading trivia. Most nodes start
   * right at `pos` or after plain whitespace; those are found here without TypeScript's call
   * chain (getStart → getTokenPosOfNode → skipTrivia). Anything that may be a comment, a
   * shebang, a merge-conflict marker or non-ASCII whitespace, and the nodes getTokenPosOfNode
   * treats apart (missing nodes, JSX text, JSDoc), take TypeScript's path.
   */
  private startOf(node: ts.Node): number {
    const pos = node.pos;
    if (node.end > pos && node.kind !== SK.JsxText && (node.flags & JSDOC_FLAG) === 0) {
      const text = this.text;
      let i = pos;
      let c = text.charCodeAt(i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
      // NaN (past the end) fails `c < 128` and takes the slow path.
      if (c < 128 && c !== 47 /* / */ && c !== 35 && c !== 60 && c !== 61 && c !== 62 && c !== 124 && c !== 11 && c !== 12) return i;
    }
    return node.getStart(this.sf);
  }

  /**
   * The span of `node` given the summary of `first`, its leftmost child: both start after the same
   * leading trivia, so the child's start is reused (sparing a scan). Not when the child's summary
   * is of something inside it (parentheses, casts) or the child is missing (zero width).
   */
  private spanFrom(node: ts.Node, first: ts.Node, firstExpr: Expr): Span {
    const start = firstExpr.span.start;
    if (firstExpr.span.end > start && !UNWRAPPED.has(first.kind)) return { start, end: node.end };
    return this.span(node);
  }

  // ---------------------------------------------------------------- walking

  private visit(node: ts.Node, fn: FnId, depth: number): void {
    if (depth > MAX_NODE_DEPTH) {
      this.effectsIncomplete = true;
      if (!this.depthProblemReported) {
        this.depthProblemReported = true;
        this.facts.problems.push({ message: `nesting deeper than ${MAX_NODE_DEPTH} levels; the inner part was skipped`, span: this.span(node), kind: 'nesting-depth' });
      }
      return;
    }
    if (this.timedOut) return;
    if ((++this.visited & 1023) === 0 && Date.now() > this.deadline) {
      this.timedOut = true;
      this.effectsIncomplete = true;
      this.facts.problems.push({ message: 'per-file time budget exceeded; the rest of the file was skipped', span: this.span(node), kind: 'time-budget' });
      return;
    }
    this.collectComments(node);
    // Tokens (identifiers, literals, keywords, operators: about half the nodes) have no children
    // and make no facts of their own.
    if (node.kind <= SK.LastToken) return;

    // Overload signatures and `declare function` have no body: the implementation is the function.
    if (isFunctionDeclaration(node) && !node.body) return;
    // Module declarations are not walked below. Their module specifiers may hold calls (a parse
    // error inside a function body, say), which the walk then cannot add to an effect (`sink`).
    switch (node.kind) {
      case SK.ImportDeclaration:
        if (this.sink !== undefined) this.effectsIncomplete = true;
        this.onImport(node as ts.ImportDeclaration);
        return;
      case SK.ImportEqualsDeclaration:
        if (this.sink !== undefined) this.effectsIncomplete = true;
        this.onImportEquals(node as ts.ImportEqualsDeclaration);
        return;
      case SK.ExportDeclaration:
        if (this.sink !== undefined) this.effectsIncomplete = true;
        this.onExportDeclaration(node as ts.ExportDeclaration);
        return;
      default:
        break;
    }

    // Parent pointers are set here, one level ahead of the walk, instead of by a pass of their own
    // over the whole tree (~7% of an extraction): the children are bound, and collected for the
    // descent below, by the one forEachChild the walk needs anyway. The facts made at a node read
    // the parents of it and its ancestors, all bound by now; a function registered ahead of the
    // walk (met inside an expression summary) may need more: see `ensureParents`.
    const first = this.top;
    this.bindParent = node;
    forEachChild(node, this.bindChild);
    const last = this.top;
    this.current = node;
    this.exprFn = fn;

    const sink = this.sink;
    if (isFunctionLike(node)) {
      const id = this.fnIds.get(node) ?? this.registerFunction(node, fn);
      // Parameters are in no function's effect; the body is in this function's only.
      this.sink = undefined;
      for (const param of node.parameters) this.visit(param, id, depth + 1);
      if (node.body) {
        this.sink = this.facts.functions[id]!.effect;
        this.visit(node.body, id, depth + 1);
      }
      this.sink = sink;
      this.top = first;
      return;
    }
    if (sink !== undefined) this.nodeEffect(node, sink);

    switch (node.kind) {
      case SK.ExportAssignment: {
        const ea = node as ts.ExportAssignment;
        this.facts.exports.push({
          name: ea.isExportEquals ? '=' : 'default',
          local: isIdentifier(ea.expression) ? ea.expression.text : undefined,
          expr: this.expr(ea.expression, 0),
          from: undefined,
          fromName: undefined,
          kind: 'esm',
          span: this.span(ea),
        });
        break;
      }
      case SK.VariableStatement:
        this.onVariableStatement(node as ts.VariableStatement, fn);
        break;
      case SK.ClassDeclaration: {
        const cd = node as ts.ClassDeclaration;
        if (hasModifier(cd, SK.ExportKeyword)) {
          const isDefault = hasModifier(cd, SK.DefaultKeyword);
          this.facts.exports.push({
            name: isDefault ? 'default' : (cd.name?.text ?? 'default'),
            local: cd.name?.text,
            expr: undefined,
            from: undefined,
            fromName: undefined,
            kind: 'esm',
            span: this.span(cd),
          });
        }
        break;
      }
      case SK.CallExpression:
      case SK.NewExpression:
        this.onCall(node as ts.CallExpression | ts.NewExpression, fn);
        break;
      case SK.BinaryExpression:
        this.onBinary(node as ts.BinaryExpression, fn);
        break;
      case SK.IfStatement: {
        // The branches' effects are made as the walk goes through them (below).
        const is = node as ts.IfStatement;
        const guard: Guard = {
          fn,
          test: this.expr(is.expression, 0),
          then: emptyEffect(),
          else: is.elseStatement ? emptyEffect() : undefined,
          span: this.span(is),
          thenSpan: this.span(is.thenStatement),
          elseSpan: is.elseStatement ? this.span(is.elseStatement) : undefined,
        };
        this.facts.guards.push(guard);
        this.guardNodes.push(is);
        // forEachChild's order: test, then, else.
        this.visit(is.expression, fn, depth + 1);
        this.visitBranch(is.thenStatement, guard.then, fn, depth + 1);
        if (is.elseStatement) this.visitBranch(is.elseStatement, guard.else!, fn, depth + 1);
        this.top = first;
        return;
      }
      case SK.ReturnStatement: {
        const rs = node as ts.ReturnStatement;
        this.facts.returns.push({ fn, expr: rs.expression ? this.expr(rs.expression, 0) : undefined, span: this.span(rs) });
        break;
      }
      case SK.ThrowStatement: {
        const th = node as ts.ThrowStatement;
        this.facts.throws.push({ fn, expr: th.expression ? this.expr(th.expression, 0) : undefined, span: this.span(th) });
        break;
      }
      case SK.SwitchStatement: {
        const sw = node as ts.SwitchStatement;
        this.facts.switches.push({
          fn,
          discriminant: this.expr(sw.expression, 0),
          clauses: sw.caseBlock.clauses.map((clause) => ({
            labels: isCaseClause(clause) ? [this.expr(clause.expression, 0)] : [],
            isDefault: isDefaultClause(clause),
            span: this.span(clause),
          })),
          span: this.span(sw),
        });
        break;
      }
      case SK.PropertyAccessExpression:
      case SK.ElementAccessExpression:
        this.onMemberRead(node as ts.PropertyAccessExpression | ts.ElementAccessExpression, fn);
        break;
      case SK.Parameter: {
        const p = node as ts.ParameterDeclaration;
        const names = this.boundNames(p.name, []);
        this.facts.decls.push({
          fn,
          kind: 'param',
          name: isIdentifier(p.name) ? p.name.text : undefined,
          names,
          init: p.initializer ? this.expr(p.initializer, 0) : undefined,
          exported: false,
          span: this.span(p),
        });
        break;
      }
      default:
        break;
    }
    const children = this.children;
    for (let i = first; i < last; i++) this.visit(children[i]!, fn, depth + 1);
    this.top = first;
  }

  /**
   * Visits an `if` branch with its own effect, then adds that to the effect around it: the
   * branch's statuses are a contiguous run of the pre-order walk, so they land in the same order
   * as when the enclosing function's effect was walked in one go.
   */
  private visitBranch(branch: ts.Statement, effect: BlockEffect, fn: FnId, depth: number): void {
    const outer = this.sink;
    this.sink = effect;
    this.visit(branch, fn, depth);
    this.sink = outer;
    if (outer === undefined) return;
    for (const status of effect.statuses) outer.statuses.push(status);
    if (effect.exits) outer.exits = true;
    if (effect.throws) outer.throws = true;
    if (effect.redirects) outer.redirects = true;
    if (effect.callsNext) outer.callsNext = true;
    if (effect.nextWithError) outer.nextWithError = true;
    if (effect.responds) outer.responds = true;
  }

  /**
   * Where the effect of what the walk is at goes: the body's function's, or the innermost `if`
   * branch's (at the top level outside any branch, nowhere). Effects are made by the main walk
   * rather than by a walk of each function body and each branch at registration (each node was
   * walked once more per enclosing effect: ~12% of an extraction). That holds only if the main
   * walk reaches every node such a walk would: when it does not (`MAX_NODE_DEPTH`, the time
   * budget, an error), `effectsIncomplete` is set and every effect is walked on its own at the
   * end, as it was made before.
   */
  private sink: BlockEffect | undefined = undefined;
  private effectsIncomplete = false;
  /** By function id: its body (for `recomputeEffects`). */
  private readonly fnBodies: (ts.Node | undefined)[] = [];
  /** By guard index: its `if` (for `recomputeEffects`). */
  private readonly guardNodes: ts.IfStatement[] = [];

  private recomputeEffects(): void {
    const { functions, guards } = this.facts;
    for (let id = 0; id < functions.length; id++) {
      const body = this.fnBodies[id];
      if (!body) continue;
      const effect = this.effectOf(body);
      // `(req, res) => res.status(401).end()` exits by construction.
      if (!isBlock(body)) effect.exits = true;
      functions[id]!.effect = effect;
    }
    for (let i = 0; i < guards.length; i++) {
      const is = this.guardNodes[i]!;
      guards[i]!.then = this.effectOf(is.thenStatement);
      guards[i]!.else = is.elseStatement ? this.effectOf(is.elseStatement) : undefined;
    }
  }

  /**
   * The children of the nodes being visited, as a stack: a node's children are `children[first]`
   * to `children[last - 1]`, its descendants' pushed above them and popped (by resetting `top`)
   * as they finish. One array and one callback for every forEachChild of the walk, not a closure
   * or an array per node.
   */
  private readonly children: ts.Node[] = [];
  private top = 0;
  private bindParent!: ts.Node;
  private readonly bindChild = (child: ts.Node): undefined => {
    (child as { parent: ts.Node }).parent = this.bindParent;
    this.children[this.top++] = child;
    return undefined;
  };
  /** The node the walk is at: the facts being made are of it or of nodes below it. */
  private current!: ts.Node;
  /**
   * The function the expressions being summarized are in (the walk's function, or the function
   * whose expression body is being summarized): the parent of a function met in a summary.
   * Summaries do not enter functions, so this is the nearest registered function around it.
   */
  private exprFn: FnId = TOP_LEVEL;

  /**
   * Sets the parents below the node the walk is at, for a function registered ahead of the walk
   * whose name depends on its parent and grandparent not bound yet (`wrap(async () => …)` inside a
   * call's arguments). Rare: an argument function's parent is the call, bound when the call is
   * visited.
   */
  private ensureParents(node: ts.Node): void {
    const parent = node.parent as ts.Node | undefined;
    if (parent !== undefined && !(isCallExpression(parent) && (parent.parent as ts.Node | undefined) === undefined)) return;
    setParents(this.current);
  }

  private collectComments(node: ts.Node): void {
    // Most nodes share their leading trivia with their first child, and most trivia holds no
    // comment: only scan when the trivia contains a '/'.
    const pos = node.pos;
    if (pos === this.lastTriviaPos) return;
    this.lastTriviaPos = pos;
    // Fast path: plain whitespace up to a character that cannot begin trivia means no comment
    // (and spares the scanner call behind getStart). '#', '<', '=', '>', '|' may begin a shebang
    // or a merge-conflict marker, which TypeScript skips as trivia: those take the full path.
    const text = this.text;
    let i = pos;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    if (c !== 47 /* / */ && c < 128 && c !== 35 && c !== 60 && c !== 61 && c !== 62 && c !== 124 && c !== 11 && c !== 12) return;
    const start = node.getStart(this.sf);
    let hasSlash = false;
    for (let i = pos; i < start; i++) {
      if (this.text.charCodeAt(i) === 47 /* / */) {
        hasSlash = true;
        break;
      }
    }
    if (!hasSlash) return;
    const ranges = getLeadingCommentRanges(this.text, pos);
    if (!ranges) return;
    for (const range of ranges) {
      if (this.seenComments.has(range.pos)) continue;
      this.seenComments.add(range.pos);
      const { line } = this.sf.getLineAndCharacterOfPosition(range.pos);
      this.facts.comments.push({ text: this.text.slice(range.pos, range.end), span: { start: range.pos, end: range.end }, line: line + 1 });
    }
  }

  // ---------------------------------------------------------------- functions

  private registerFunction(node: ts.SignatureDeclaration & { body?: ts.Node }, parent: FnId): FnId {
    const id = this.facts.functions.length;
    this.fnIds.set(node, id);
    this.ensureParents(node);
    const body = node.body;
    const facts: FunctionFacts = {
      id,
      name: functionName(node),
      parent,
      params: node.parameters.map((p) => ({
        name: isIdentifier(p.name) ? p.name.text : undefined,
        names: this.boundNames(p.name, []),
        span: this.span(p),
      })),
      isAsync: hasModifier(node, SK.AsyncKeyword),
      kind: isFunctionDeclaration(node) ? 'declaration' : isArrowFunction(node) ? 'arrow' : isFunctionExpression(node) ? 'expression' : 'method',
      directives: body && isBlock(body) ? prologueDirectives(body.statements) : [],
      span: this.span(node),
      bodySpan: body ? this.span(body) : this.span(node),
      exprBody: undefined,
      effect: emptyEffect(),
    };
    this.facts.functions.push(facts);
    this.fnBodies.push(body);
    // The effect is filled in as the walk goes through the body (see `sink`).
    if (body && !isBlock(body)) {
      const outerFn = this.exprFn;
      this.exprFn = id;
      facts.exprBody = this.expr(body as ts.Expression, 0);
      this.exprFn = outerFn;
      // `(req, res) => res.status(401).end()` exits by construction.
      facts.effect.exits = true;
    }
    // Exported function declarations are exports too.
    if (isFunctionDeclaration(node) && hasModifier(node, SK.ExportKeyword)) {
      const isDefault = hasModifier(node, SK.DefaultKeyword);
      this.facts.exports.push({
        name: isDefault ? 'default' : (node.name?.text ?? 'default'),
        local: node.name?.text,
        expr: { k: 'fn', fn: id, span: this.span(node) },
        from: undefined,
        fromName: undefined,
        kind: 'esm',
        span: this.span(node),
      });
    }
    return id;
  }

  /**
   * What running `node` does to the response, without entering nested functions, walked on its
   * own: only when the main walk could not make the effects (see `sink`).
   */
  private effectOf(node: ts.Node): BlockEffect {
    const outer = this.effect;
    const effect = emptyEffect();
    this.effect = effect;
    this.effectNode(node, 0);
    this.effect = outer;
    return effect;
  }

  /** The effect the effect walk adds to, and the depth of the children being walked. */
  private effect: BlockEffect = emptyEffect();
  private effectDepth = 0;
  private readonly effectChild = (child: ts.Node): undefined => {
    this.effectNode(child, this.effectDepth);
    return undefined;
  };

  /** What one node does to the response effect it counts towards: a return, a throw, a call. */
  private nodeEffect(node: ts.Node, sink: BlockEffect): void {
    switch (node.kind) {
      case SK.ReturnStatement:
        sink.exits = true;
        break;
      case SK.ThrowStatement:
        this.throwEffect(node as ts.ThrowStatement, sink);
        break;
      case SK.CallExpression:
      case SK.NewExpression:
        this.callEffect(node as ts.CallExpression | ts.NewExpression, sink);
        break;
      default:
        break;
    }
  }

  private effectNode(n: ts.Node, depth: number): void {
    if (depth > MAX_NODE_DEPTH || isFunctionLike(n)) return;
    this.nodeEffect(n, this.effect);
    const outerDepth = this.effectDepth;
    this.effectDepth = depth + 1;
    forEachChild(n, this.effectChild);
    this.effectDepth = outerDepth;
  }

  private throwEffect(node: ts.ThrowStatement, effect: BlockEffect): void {
    effect.exits = true;
    effect.throws = true;
    const status = node.expression ? statusOfErrorExpression(node.expression) : undefined;
    if (status !== undefined) effect.statuses.push(status);
  }

  private callEffect(call: ts.CallExpression | ts.NewExpression, effect: BlockEffect): void {
    const callee = call.expression;
    const args: readonly ts.Expression[] = call.arguments ?? NO_ARGUMENTS;
    const name = isPropertyAccessExpression(callee) ? callee.name.text : isIdentifier(callee) ? callee.text : '';
    const objectName =
      isPropertyAccessExpression(callee) && isIdentifier(callee.expression) ? callee.expression.text : undefined;
    const firstNumber = args[0] ? statusOf(args[0]) : undefined;
    if ((name === 'status' || name === 'code' || name === 'sendStatus' || name === 'writeHead') && firstNumber !== undefined) {
      effect.statuses.push(firstNumber);
      if (name === 'sendStatus') effect.responds = true;
    }
    if (RESPONDING_METHODS.has(name)) effect.responds = true;
    if (name === 'redirect' || name === 'permanentRedirect') effect.redirects = true;
    // Next.js `redirect()`, `notFound()`, `forbidden()`, `unauthorized()` (next/navigation) are
    // bare calls that throw: the request ends there, like a `throw`.
    if (isIdentifier(callee) && /^(redirect|permanentRedirect|notFound|forbidden|unauthorized)$/.test(name)) {
      effect.exits = true;
      effect.throws = true;
      if (name === 'notFound') effect.statuses.push(404);
    }
    if (name === 'next' && !objectName && isCallExpression(call)) {
      if (args.length > 0) effect.nextWithError = true;
      else effect.callsNext = true;
    }
    // Fastify sensible / Boom-style helpers: reply.unauthorized(), Boom.forbidden().
    if (name === 'unauthorized') effect.statuses.push(401);
    if (name === 'forbidden') effect.statuses.push(403);
    // new Response(body, { status }), NextResponse.json(body, { status }), Response.json(…).
    const isResponseCtor = isNewExpression(call) && isIdentifier(callee) && /Response$/.test(callee.text);
    const isResponseHelper = (objectName === 'NextResponse' || objectName === 'Response') && (name === 'json' || name === 'redirect' || name === 'next');
    if (isResponseCtor || isResponseHelper) {
      effect.responds = true;
      for (const arg of args) {
        const status = statusFromInit(arg);
        if (status !== undefined) effect.statuses.push(status);
      }
    }
    // Only `next(err)` and `new …Error(…)` answer with the error's status (the name tests are
    // regular expressions: not run for every other call).
    if (name === 'next' || isNewExpression(call)) {
      const errorStatus = statusOfErrorExpression(call);
      if (errorStatus !== undefined) effect.statuses.push(errorStatus);
    }
    if (name === 'next' && args[0]) {
      const status = statusOfErrorExpression(args[0]);
      if (status !== undefined) effect.statuses.push(status);
    }
  }

  // ---------------------------------------------------------------- modules

  private onImport(node: ts.ImportDeclaration): void {
    if (!isStringLiteral(node.moduleSpecifier)) return;
    const decl: ImportDecl = {
      source: node.moduleSpecifier.text,
      bindings: [],
      kind: 'esm',
      typeOnly: Boolean(node.importClause?.isTypeOnly),
      span: this.span(node),
    };
    const clause = node.importClause;
    if (clause?.name) decl.bindings.push({ imported: 'default', local: clause.name.text, span: this.span(clause.name) });
    const bindings = clause?.namedBindings;
    if (bindings && isNamespaceImport(bindings)) {
      decl.bindings.push({ imported: '*', local: bindings.name.text, span: this.span(bindings.name) });
    } else if (bindings && isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        decl.bindings.push({ imported: (el.propertyName ?? el.name).text, local: el.name.text, span: this.span(el) });
      }
    }
    this.facts.imports.push(decl);
  }

  private onImportEquals(node: ts.ImportEqualsDeclaration): void {
    const ref = node.moduleReference;
    if (isExternalModuleReference(ref) && isStringLiteral(ref.expression)) {
      this.facts.imports.push({
        source: ref.expression.text,
        bindings: [{ imported: '*', local: node.name.text, span: this.span(node.name) }],
        kind: 'require',
        typeOnly: node.isTypeOnly,
        span: this.span(node),
      });
    }
  }

  private onExportDeclaration(node: ts.ExportDeclaration): void {
    const from = node.moduleSpecifier && isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
    const clause = node.exportClause;
    if (!clause) {
      this.facts.exports.push({ name: '*', local: undefined, expr: undefined, from, fromName: undefined, kind: 'esm', span: this.span(node) });
      return;
    }
    if (isNamespaceExport(clause)) {
      this.facts.exports.push({ name: clause.name.text, local: undefined, expr: undefined, from, fromName: '*', kind: 'esm', span: this.span(node) });
      return;
    }
    for (const el of clause.elements) {
      const local = (el.propertyName ?? el.name).text;
      this.facts.exports.push({
        name: el.name.text,
        local: from ? undefined : local,
        expr: undefined,
        from,
        fromName: from ? local : undefined,
        kind: 'esm',
        span: this.span(el),
      });
    }
  }

  private onVariableStatement(node: ts.VariableStatement, fn: FnId): void {
    const exported = hasModifier(node, SK.ExportKeyword);
    const flags = node.declarationList.flags;
    const kind: VarDecl['kind'] = flags & CONST_FLAG ? 'const' : flags & LET_FLAG ? 'let' : 'var';
    for (const d of node.declarationList.declarations) {
      const names = this.boundNames(d.name, []);
      const init = d.initializer ? this.expr(d.initializer, 0) : undefined;
      this.facts.decls.push({ fn, kind, name: isIdentifier(d.name) ? d.name.text : undefined, names, init, exported, span: this.span(d) });
      if (exported) {
        for (const bound of names) {
          this.facts.exports.push({
            name: bound.name,
            local: bound.name,
            expr: isIdentifier(d.name) ? init : undefined,
            from: undefined,
            fromName: undefined,
            kind: 'esm',
            span: this.span(d),
          });
        }
      }
      if (d.initializer) this.maybeRequire(node, d, d.initializer, names);
    }
  }

  /** `const x = require('m')`, `const { a } = require('m')`, `const r = require('m').Router`, `await import('m')`. */
  private maybeRequire(statement: ts.VariableStatement, d: ts.VariableDeclaration, init: ts.Expression, names: BoundName[]): void {
    let expr: ts.Expression = init;
    const memberPath: string[] = [];
    if (isAwaitExpression(expr)) expr = expr.expression;
    while (isPropertyAccessExpression(expr)) {
      memberPath.unshift(expr.name.text);
      expr = expr.expression;
    }
    if (!isCallExpression(expr)) return;
    const isRequire = isIdentifier(expr.expression) && expr.expression.text === 'require';
    const isDynamic = expr.expression.kind === SK.ImportKeyword;
    if (!(isRequire || isDynamic)) return;
    const arg = expr.arguments[0];
    if (!arg || !isStringLiteralLike(arg)) return;
    // The span covers the whole statement when it declares only this (`const x = require('x');`),
    // so an edit inserted after an import lands after the `;`, not inside the statement.
    // (`d.parent` is not bound yet: the walk is at the statement.)
    const whole = statement.declarationList.declarations.length === 1;
    const decl: ImportDecl = { source: arg.text, bindings: [], kind: isRequire ? 'require' : 'dynamic', typeOnly: false, span: this.span(whole ? statement : d) };
    const base = memberPath.length > 0 ? memberPath.join('.') : undefined;
    if (isIdentifier(d.name)) {
      decl.bindings.push({ imported: base ?? '*', local: d.name.text, span: this.span(d.name) });
    } else {
      for (const bound of names) {
        const imported = [...memberPath, ...bound.path].join('.') || '*';
        decl.bindings.push({ imported: bound.rest ? '*' : imported, local: bound.name, span: bound.span });
      }
    }
    this.facts.imports.push(decl);
  }

  private boundNames(name: ts.BindingName, path: string[]): BoundName[] {
    if (isIdentifier(name)) return [{ name: name.text, path, rest: false, span: this.span(name) }];
    const out: BoundName[] = [];
    if (isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          if (isIdentifier(el.name)) out.push({ name: el.name.text, path, rest: true, span: this.span(el.name) });
          continue;
        }
        const key = el.propertyName ? propertyNameText(el.propertyName) : isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined) continue;
        out.push(...this.boundNames(el.name, [...path, key]));
      }
    } else {
      name.elements.forEach((el, index) => {
        if (isOmittedExpression(el)) return;
        out.push(...this.boundNames(el.name, [...path, String(index)]));
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- expressions

  private onCall(node: ts.CallExpression | ts.NewExpression, fn: FnId): void {
    const expr = this.expr(node, 0);
    if (expr.k !== 'call') return;
    let statement: ts.Node = node;
    while (statement.parent && !isStatementLike(statement.parent) && !isFunctionLike(statement.parent)) statement = statement.parent;
    const holder = statement.parent && isStatementLike(statement.parent) ? statement.parent : statement;
    const isStatement = isExpressionStatement(node.parent) || (isAwaitExpression(node.parent) && isExpressionStatement(node.parent.parent));
    const site: CallSite = { fn, expr, statementStart: this.startOf(holder), isStatement };
    this.facts.calls.push(site);
  }

  private onBinary(node: ts.BinaryExpression, fn: FnId): void {
    const op = node.operatorToken.kind;
    if (op < SK.FirstAssignment || op > SK.LastAssignment) return;
    const target = this.expr(node.left, 0);
    const value = this.expr(node.right, 0);
    this.facts.assignments.push({ fn, op: tokenToString(op) ?? '=', target, value, span: this.span(node) });
    // CommonJS exports: module.exports = x; module.exports.foo = x; exports.foo = x.
    if (op !== SK.EqualsToken) return;
    const path = memberPath(node.left);
    if (!path) return;
    let name: string | undefined;
    if (path.length === 2 && path[0] === 'module' && path[1] === 'exports') name = '=';
    else if (path.length === 3 && path[0] === 'module' && path[1] === 'exports') name = path[2];
    else if (path.length === 2 && path[0] === 'exports') name = path[1];
    if (!name) return;
    this.facts.exports.push({
      name,
      local: isIdentifier(node.right) ? node.right.text : undefined,
      expr: value,
      from: undefined,
      fromName: undefined,
      kind: 'commonjs',
      span: this.span(node),
    });
  }

  private onMemberRead(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, fn: FnId): void {
    // Record only maximal chains: skip when the parent extends this chain.
    const parent = node.parent;
    if ((isPropertyAccessExpression(parent) || isElementAccessExpression(parent)) && parent.expression === node) return;
    // `memberPath(node)` split into root and path, without its intermediate arrays: the chain is
    // walked once to size the path, once to fill it (a read per maximal chain: 1,000 in big.ts).
    let length = 0;
    let cur: ts.Node = node;
    let steps = 0;
    for (; steps < 32; steps++) {
      if (isPropertyAccessExpression(cur) || (isElementAccessExpression(cur) && isStringLiteralLike(cur.argumentExpression))) length++;
      else if (!(isNonNullExpression(cur) || isParenthesizedExpression(cur))) break;
      cur = (cur as ts.PropertyAccessExpression).expression;
    }
    if (steps === 32 || length === 0) return;
    const root = isIdentifier(cur) ? cur.text : cur.kind === SK.ThisKeyword ? 'this' : undefined;
    if (root === undefined) return;
    const path = new Array<string>(length);
    for (let at: ts.Node = node; at !== cur; at = (at as ts.PropertyAccessExpression).expression) {
      if (isPropertyAccessExpression(at)) path[--length] = at.name.text;
      else if (isElementAccessExpression(at)) path[--length] = (at.argumentExpression as ts.StringLiteralLike).text;
    }
    this.facts.reads.push({ fn, root, path, span: this.span(node) });
  }

  /**
   * Summaries already made, by node: a call nested in another call, an initializer's call and the
   * test of an `if` are each reached several times (as part of the enclosing summary and again by
   * the walk). A summary is reused when it comes out the same at the depth asked for: it was not
   * cut at `MAX_EXPR_DEPTH` and still fits below it, or it is asked for at the same depth.
   */
  private readonly exprs = new Map<ts.Node, { expr: Expr; depth: number; height: number; cut: boolean }>();
  /** The deepest summary level reached by the summary being built (see `expr`). */
  private reach = 0;

  private expr(node: ts.Expression, depth: number): Expr {
    // Only calls are remembered: they are what gets summarized again (as call sites of their own).
    if (node.kind !== SK.CallExpression && node.kind !== SK.NewExpression) {
      if (depth > this.reach) this.reach = depth;
      return this.summarize(node, depth);
    }
    const known = this.exprs.get(node);
    if (known && (known.cut ? known.depth === depth : depth + known.height <= MAX_EXPR_DEPTH)) {
      this.reach = Math.max(this.reach, depth + known.height);
      return known.expr;
    }
    const outer = this.reach;
    this.reach = depth;
    const expr = this.summarize(node, depth);
    const height = this.reach - depth;
    if (!known || known.depth > depth) this.exprs.set(node, { expr, depth, height, cut: this.reach > MAX_EXPR_DEPTH });
    this.reach = Math.max(outer, this.reach);
    return expr;
  }

  private summarize(node: ts.Expression, depth: number): Expr {
    if (depth > MAX_EXPR_DEPTH) return { k: 'other', span: this.span(node) };
    const d = depth + 1;
    // Left-recursive forms start where their leftmost child starts: take its start from its summary.
    switch (node.kind) {
      case SK.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression;
        const object = this.expr(pa.expression, d);
        return { k: 'member', object, name: pa.name.text, optional: Boolean(pa.questionDotToken), span: this.spanFrom(node, pa.expression, object) };
      }
      case SK.ElementAccessExpression: {
        const ea = node as ts.ElementAccessExpression;
        const arg = ea.argumentExpression;
        const object = this.expr(ea.expression, d);
        if (isStringLiteralLike(arg)) return { k: 'member', object, name: arg.text, optional: false, span: this.spanFrom(node, ea.expression, object) };
        const index = this.expr(arg, d);
        return { k: 'index', object, index, span: this.spanFrom(node, ea.expression, object) };
      }
      case SK.CallExpression: {
        const ce = node as ts.CallExpression;
        const callee = this.expr(ce.expression, d);
        const args = ce.arguments.map((a) => this.expr(a, d));
        return { k: 'call', callee, args, isNew: false, span: this.spanFrom(node, ce.expression, callee) };
      }
      case SK.BinaryExpression: {
        const be = node as ts.BinaryExpression;
        const op = tokenToString(be.operatorToken.kind) ?? '?';
        const kind = be.operatorToken.kind;
        const left = this.expr(be.left, d);
        const right = this.expr(be.right, d);
        const span = this.spanFrom(node, be.left, left);
        if (kind >= SK.FirstAssignment && kind <= SK.LastAssignment) return { k: 'assign', op, target: left, value: right, span };
        return { k: 'bin', op, left, right, span };
      }
      default:
        break;
    }
    const span = this.span(node);
    switch (node.kind) {
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return { k: 'str', value: (node as ts.StringLiteral).text, span };
      case SK.NumericLiteral:
        return { k: 'num', value: Number((node as ts.NumericLiteral).text), span };
      case SK.TrueKeyword:
        return { k: 'bool', value: true, span };
      case SK.FalseKeyword:
        return { k: 'bool', value: false, span };
      case SK.NullKeyword:
        return { k: 'null', span };
      case SK.ThisKeyword:
        return { k: 'this', span };
      case SK.RegularExpressionLiteral: {
        const raw = (node as ts.RegularExpressionLiteral).text;
        const last = raw.lastIndexOf('/');
        return { k: 'regex', pattern: raw.slice(1, last), flags: raw.slice(last + 1), span };
      }
      case SK.Identifier: {
        const name = (node as ts.Identifier).text;
        return name === 'undefined' ? { k: 'undefined', span } : { k: 'id', name, span };
      }
      case SK.TemplateExpression: {
        const te = node as ts.TemplateExpression;
        return {
          k: 'tpl',
          quasis: [te.head.text, ...te.templateSpans.map((s) => s.literal.text)],
          exprs: te.templateSpans.map((s) => this.expr(s.expression, d)),
          span,
        };
      }
      case SK.NewExpression: {
        const ne = node as ts.NewExpression;
        return { k: 'call', callee: this.expr(ne.expression, d), args: (ne.arguments ?? []).map((a) => this.expr(a, d)), isNew: true, span };
      }
      case SK.ObjectLiteralExpression:
        return { k: 'obj', props: (node as ts.ObjectLiteralExpression).properties.map((p) => this.prop(p, d)), span };
      case SK.ArrayLiteralExpression:
        return { k: 'arr', items: (node as ts.ArrayLiteralExpression).elements.map((e) => this.expr(e, d)), span };
      case SK.ArrowFunction:
      case SK.FunctionExpression: {
        const id = this.fnIds.get(node);
        // Functions are registered when the walk reaches them; summaries made earlier (a call
        // seen before its argument) resolve the id lazily through the span.
        return id === undefined ? { k: 'fn', fn: this.pendingFunctionId(node), span } : { k: 'fn', fn: id, span };
      }
      case SK.AwaitExpression:
        return { k: 'await', expr: this.expr((node as ts.AwaitExpression).expression, d), span };
      case SK.SpreadElement:
        return { k: 'spread', expr: this.expr((node as ts.SpreadElement).expression, d), span };
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.SatisfiesExpression:
      case SK.NonNullExpression:
      case SK.TypeAssertionExpression:
        return this.expr((node as ts.ParenthesizedExpression).expression, depth);
      case SK.PrefixUnaryExpression: {
        const pu = node as ts.PrefixUnaryExpression;
        return { k: 'unary', op: tokenToString(pu.operator) ?? '?', expr: this.expr(pu.operand, d), span };
      }
      case SK.TypeOfExpression:
        return { k: 'unary', op: 'typeof', expr: this.expr((node as ts.TypeOfExpression).expression, d), span };
      case SK.ConditionalExpression: {
        const ce = node as ts.ConditionalExpression;
        return { k: 'cond', test: this.expr(ce.condition, d), then: this.expr(ce.whenTrue, d), else: this.expr(ce.whenFalse, d), span };
      }
      default:
        return { k: 'other', span };
    }
  }

  /**
   * Function ids are assigned in walk order. A call's summary is built before the walk enters its
   * arguments, so an inline function argument has no id yet: pre-register it here (the walk will
   * find it in `fnIds` and reuse the id).
   */
  private pendingFunctionId(node: ts.Node): FnId {
    return this.registerFunction(node as ts.ArrowFunction | ts.FunctionExpression, this.exprFn);
  }

  private prop(p: ts.ObjectLiteralElementLike, depth: number): ObjProp {
    const span = this.span(p);
    if (isPropertyAssignment(p)) {
      return { key: propertyNameText(p.name), value: this.expr(p.initializer, depth), spread: false, shorthand: false, span, keySpan: this.span(p.name) };
    }
    if (isShorthandPropertyAssignment(p)) {
      return { key: p.name.text, value: { k: 'id', name: p.name.text, span: this.span(p.name) }, spread: false, shorthand: true, span, keySpan: this.span(p.name) };
    }
    if (isSpreadAssignment(p)) {
      return { key: undefined, value: this.expr(p.expression, depth), spread: true, shorthand: false, span, keySpan: span };
    }
    // Methods and accessors: `{ origin(o, cb) { … } }`.
    const name = p.name ? propertyNameText(p.name) : undefined;
    const fnNode = p as unknown as ts.Node;
    const id = this.fnIds.get(fnNode) ?? (isFunctionLike(fnNode) ? this.registerFunction(fnNode, this.exprFn) : undefined);
    return {
      key: name,
      value: id === undefined ? { k: 'other', span } : { k: 'fn', fn: id, span },
      spread: false,
      shorthand: false,
      span,
      keySpan: p.name ? this.span(p.name) : span,
    };
  }
}

// ---------------------------------------------------------------- helpers

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  switch (node.kind) {
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ArrowFunction:
    case SK.MethodDeclaration:
    case SK.Constructor:
    case SK.GetAccessor:
    case SK.SetAccessor:
      return true;
    default:
      return false;
  }
}

function isStatementLike(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.ExpressionStatement:
    case SK.VariableStatement:
    case SK.ReturnStatement:
    case SK.Block:
    case SK.SourceFile:
    case SK.IfStatement:
    case SK.ExportAssignment:
      return true;
    default:
      return false;
  }
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = canHaveModifiers(node) ? getModifiers(node) : undefined;
  return Boolean(modifiers?.some((m) => m.kind === kind));
}

function prologueDirectives(statements: ts.NodeArray<ts.Statement>): string[] {
  const out: string[] = [];
  for (const s of statements) {
    if (isExpressionStatement(s) && isStringLiteral(s.expression)) out.push(s.expression.text);
    else break;
  }
  return out;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isPrivateIdentifier(name)) return name.text;
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

function functionName(node: ts.Node): string | undefined {
  const named = node as { name?: ts.Node };
  if (named.name && (isIdentifier(named.name) || isStringLiteral(named.name))) return named.name.text;
  const parent = node.parent;
  if (!parent) return undefined;
  if (isVariableDeclaration(parent) && isIdentifier(parent.name)) return parent.name.text;
  if (isPropertyAssignment(parent)) return propertyNameText(parent.name);
  if (isBinaryExpression(parent)) {
    const path = memberPath(parent.left);
    return path ? path[path.length - 1] : undefined;
  }
  // `const guard = wrap(async (req, res, next) => …)`: name the function after its variable.
  if (isCallExpression(parent) && parent.parent && isVariableDeclaration(parent.parent) && isIdentifier(parent.parent.name)) {
    return parent.parent.name.text;
  }
  return undefined;
}

/** `a.b['c'].d` → ['a','b','c','d']; undefined when the chain is not rooted at an identifier. */
export function memberPath(node: ts.Node): string[] | undefined {
  const out: string[] = [];
  let cur: ts.Node = node;
  for (let i = 0; i < 32; i++) {
    if (isPropertyAccessExpression(cur)) {
      out.unshift(cur.name.text);
      cur = cur.expression;
    } else if (isElementAccessExpression(cur) && isStringLiteralLike(cur.argumentExpression)) {
      out.unshift(cur.argumentExpression.text);
      cur = cur.expression;
    } else if (isNonNullExpression(cur) || isParenthesizedExpression(cur)) {
      cur = cur.expression;
    } else if (isIdentifier(cur)) {
      out.unshift(cur.text);
      return out;
    } else if (cur.kind === SK.ThisKeyword) {
      out.unshift('this');
      return out;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Named statuses from http-status, http-status-codes (`StatusCodes`) and NestJS-style enums. */
const NAMED_STATUSES: Record<string, number> = {
  OK: 200, CREATED: 201, NO_CONTENT: 204, BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409,
  UNPROCESSABLE_ENTITY: 422, TOO_MANY_REQUESTS: 429, INTERNAL_SERVER_ERROR: 500,
};

/** `401`, `httpStatus.UNAUTHORIZED`, `StatusCodes.FORBIDDEN`. */
function statusOf(node: ts.Expression): number | undefined {
  if (isNumericLiteral(node)) return Number(node.text);
  if (isPropertyAccessExpression(node)) return NAMED_STATUSES[node.name.text];
  return undefined;
}

function statusFromInit(arg: ts.Expression): number | undefined {
  if (!isObjectLiteralExpression(arg)) return undefined;
  for (const p of arg.properties) {
    if (isPropertyAssignment(p) && isIdentifier(p.name) && (p.name.text === 'status' || p.name.text === 'statusCode')) {
      const status = statusOf(p.initializer);
      if (status !== undefined) return status;
    }
  }
  return undefined;
}

/** `new HttpError(401)`, `createError(403)`, `new UnauthorizedError()`, `Boom.unauthorized()`. */
function statusOfErrorExpression(node: ts.Expression): number | undefined {
  if (!(isCallExpression(node) || isNewExpression(node))) return undefined;
  const callee = node.expression;
  const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (/unauthori[sz]ed/i.test(name)) return 401;
  if (/forbidden/i.test(name)) return 403;
  const first = node.arguments?.[0];
  const firstStatus = first ? statusOf(first) : undefined;
  if (firstStatus !== undefined && firstStatus >= 400 && firstStatus < 600) return firstStatus;
  if (first) return statusFromInit(first);
  return undefined;
}
