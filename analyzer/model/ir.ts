/**
 * The per-file intermediate representation ("file facts").
 *
 * Extraction turns each source file into this plain, serializable summary once; the syntax tree is
 * then dropped. Framework discovery, the route model and every rule read only these facts, which is
 * what keeps memory below the parse-only floor and lets the language server re-extract one file
 * on an edit and re-link the rest from cache.
 *
 * Offsets are UTF-16 code-unit offsets into the file text (what TypeScript and LSP use).
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * Where `span` of a text is after `[start, oldEnd)` of it became `[start, newEnd)`: the same object
 * when it did not move, undefined when it reaches the change (ends included: text touching an edit
 * may lex differently, `foo` followed by an inserted `x` is `foox`).
 */
export function spanAfterEdit(span: Span, edit: { start: number; oldEnd: number; newEnd: number }): Span | undefined {
  if (!(span.end < edit.start || span.start > edit.oldEnd)) return undefined;
  const delta = span.start < edit.start ? 0 : edit.newEnd - edit.oldEnd;
  return delta === 0 ? span : { start: span.start + delta, end: span.end + delta };
}

/** Index of a function in `FileFacts.functions`; -1 is the module's top level. */
export type FnId = number;
export const TOP_LEVEL: FnId = -1;

/**
 * An expression, summarized. Deep or exotic expressions collapse to `other` (with their span) so
 * that nothing recursive can overflow the stack on hostile input.
 */
export type Expr =
  | { k: 'str'; value: string; span: Span }
  | { k: 'num'; value: number; span: Span }
  | { k: 'bool'; value: boolean; span: Span }
  | { k: 'null'; span: Span }
  | { k: 'undefined'; span: Span }
  | { k: 'regex'; pattern: string; flags: string; span: Span }
  | { k: 'tpl'; quasis: string[]; exprs: Expr[]; span: Span }
  | { k: 'id'; name: string; span: Span }
  | { k: 'this'; span: Span }
  | { k: 'member'; object: Expr; name: string; optional: boolean; span: Span }
  | { k: 'index'; object: Expr; index: Expr; span: Span }
  | { k: 'call'; callee: Expr; args: Expr[]; isNew: boolean; span: Span }
  | { k: 'obj'; props: ObjProp[]; span: Span }
  | { k: 'arr'; items: Expr[]; span: Span }
  | { k: 'fn'; fn: FnId; span: Span }
  | { k: 'await'; expr: Expr; span: Span }
  | { k: 'spread'; expr: Expr; span: Span }
  | { k: 'unary'; op: string; expr: Expr; span: Span }
  | { k: 'bin'; op: string; left: Expr; right: Expr; span: Span }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr; span: Span }
  | { k: 'assign'; op: string; target: Expr; value: Expr; span: Span }
  | { k: 'other'; span: Span };

export interface ObjProp {
  /** The key when it is static (identifier, string or number); undefined for computed keys and spreads. */
  key: string | undefined;
  value: Expr;
  /** `{ ...x }`: `value` is the spread expression. */
  spread: boolean;
  shorthand: boolean;
  span: Span;
  keySpan: Span;
}

/** A binding name inside a declaration pattern, with the property path it takes from the initializer. */
export interface BoundName {
  name: string;
  /** `const { a: { b: c } } = x` binds `c` with path ['a','b']; an array pattern uses the index. */
  path: string[];
  /** `...rest` in an object pattern. */
  rest: boolean;
  span: Span;
}

export interface VarDecl {
  fn: FnId;
  kind: 'const' | 'let' | 'var' | 'param';
  /** The simple name (`const x = …`) or undefined for a destructuring pattern. */
  name: string | undefined;
  names: BoundName[];
  init: Expr | undefined;
  exported: boolean;
  span: Span;
}

export interface Assignment {
  fn: FnId;
  op: string;
  target: Expr;
  value: Expr;
  span: Span;
}

export interface CallSite {
  fn: FnId;
  expr: Extract<Expr, { k: 'call' }>;
  /** The statement holding the call starts here; used to order registrations. */
  statementStart: number;
  /** True when the call is the whole expression statement (`app.use(x);`), not a value. */
  isStatement: boolean;
}

/** What a block of statements does to the request, summarized: enough to decide "ends the request". */
export interface BlockEffect {
  /** Statuses answered: `res.status(401)`, `reply.code(403)`, `res.sendStatus(401)`, `{ status: 401 }`. */
  statuses: number[];
  /** The block returns (any value) or throws. */
  exits: boolean;
  throws: boolean;
  /** `redirect(…)` was called (Next.js, Express). */
  redirects: boolean;
  /** `next()` was called without an argument (passes the request on); `nextWithError`: `next(err)`. */
  callsNext: boolean;
  nextWithError: boolean;
  /** A response was sent (`res.json`, `res.send`, `reply.send`, `return new Response`, `NextResponse.json`). */
  responds: boolean;
}

/** An `if` statement (or an early-exit `&&`/ternary guard) with what its branch does. */
export interface Guard {
  fn: FnId;
  test: Expr;
  then: BlockEffect;
  else: BlockEffect | undefined;
  span: Span;
  /** The span of the `then` statement, so callers can tell which branch a call or return is in. */
  thenSpan?: Span;
  /** The span of the `else` statement, when there is one. */
  elseSpan?: Span;
}

export interface ReturnStmt {
  fn: FnId;
  expr: Expr | undefined;
  span: Span;
}

export interface ThrowStmt {
  fn: FnId;
  expr: Expr | undefined;
  span: Span;
}

/** A `switch` on some expression, with the case labels and the span of each clause. */
export interface SwitchStmt {
  fn: FnId;
  discriminant: Expr;
  clauses: { labels: Expr[]; isDefault: boolean; span: Span }[];
  span: Span;
}

export interface FunctionFacts {
  id: FnId;
  /** The declared name, or the name of the variable/property it is assigned to. */
  name: string | undefined;
  parent: FnId;
  params: { name: string | undefined; names: BoundName[]; span: Span }[];
  isAsync: boolean;
  /** Only a `declaration` binds its name in the enclosing scope. */
  kind: 'declaration' | 'expression' | 'arrow' | 'method';
  /** Directive prologue, e.g. `'use server'`. */
  directives: string[];
  span: Span;
  bodySpan: Span;
  /** An expression-bodied arrow's expression. */
  exprBody: Expr | undefined;
  /** A summary of the whole body's effect on the response (union over every path). */
  effect: BlockEffect;
}

export interface ImportBinding {
  /** 'default', '*' (namespace / whole CommonJS module) or the imported name. */
  imported: string;
  local: string;
  span: Span;
}

export interface ImportDecl {
  source: string;
  bindings: ImportBinding[];
  kind: 'esm' | 'require' | 'dynamic';
  typeOnly: boolean;
  span: Span;
}

export interface ExportDecl {
  /** The exported name: 'default', a name, or '*' for `export * from`. */
  name: string;
  /** The local binding it exports, when it is one. */
  local: string | undefined;
  /** An expression exported directly (`export default router`, `module.exports = x`). */
  expr: Expr | undefined;
  /** A re-export source (`export { x } from './y'`, `export * from './y'`). */
  from: string | undefined;
  /** The name imported from `from` (for `export { a as b } from`). */
  fromName: string | undefined;
  kind: 'esm' | 'commonjs';
  span: Span;
}

/** A member-access chain rooted at an identifier, e.g. `req.body.email` → root 'req', path ['body','email']. */
export interface MemberRead {
  fn: FnId;
  root: string;
  path: string[];
  span: Span;
}

export interface Comment {
  text: string;
  span: Span;
  line: number;
}

export interface ParseProblem {
  message: string;
  span: Span;
  /** The problem kind reported for it: 'nesting-depth', 'time-budget'; 'parse' (a syntax error) when absent. */
  kind?: 'parse' | 'nesting-depth' | 'time-budget';
}

export interface FileFacts {
  /** Project-relative POSIX path. */
  path: string;
  language: 'ts' | 'tsx' | 'js' | 'jsx';
  /** Offsets at which each line starts (line 1 at index 0). */
  lineStarts: number[];
  directives: string[];
  imports: ImportDecl[];
  exports: ExportDecl[];
  functions: FunctionFacts[];
  decls: VarDecl[];
  assignments: Assignment[];
  calls: CallSite[];
  guards: Guard[];
  returns: ReturnStmt[];
  throws: ThrowStmt[];
  switches: SwitchStmt[];
  reads: MemberRead[];
  comments: Comment[];
  /** Syntax errors and extraction limits hit (deep nesting, time budget). */
  problems: ParseProblem[];
}
