import type { Expr, FileFacts, FnId } from '../analyzer/model/ir';
import { TOP_LEVEL } from '../analyzer/model/ir';
import type { Fix, TextEdit } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { itemsIn, topLevelCallsContaining, walkExpr } from './utils/calls';
import { chainOf, handlerFlow, isClientInput, type Flow, type HandlerScope } from './utils/data-flow';
import { addNamedImport, isBoundAtTopLevel } from './utils/insert-import';
import { describeDbCall, persistenceCalls, type DbCall } from './utils/persistence';
import { chainValidation, covers, validatedInHandlerBefore } from './utils/validation';
import { pathSegments } from './utils/route-predicates';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  flow: Flow;
  /** The first data access that uses unvalidated input. */
  sink: DbCall;
  write: boolean;
  /** What the input is: 'body', 'query', or both. */
  parts: string[];
  /** express-validator chains are on the route but nothing reads `validationResult`. */
  unenforced: boolean;
}

export default defineRule<State>({
  id: 'unvalidated-input',
  incremental: true,
  meta: {
    summary: 'A handler writes or queries with request body or query values that no schema validated first.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-20', 'CWE-943'],
    owaspApi: ['API8:2023', 'API3:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      // A webhook's payload is defined by its sender; whether it is authentic is
      // missing-webhook-verification's question, and its shape is not the client's choice.
      if (isWebhookPath(route.path)) continue;
      const flow = handlerFlow(ctx, route);
      if (!flow) continue;
      const chain = chainValidation(ctx, route, flow.scope);
      const sinks: { call: DbCall; parts: Set<string> }[] = [];
      for (const call of persistenceCalls(flow.scope.facts, flow.scope.fns)) {
        // A project helper (`updateUserById(id, req.body)`) may validate inside: not judged from here.
        if (call.viaHelper) continue;
        if (validatedInHandlerBefore(route, call.site.expr.span.start, flow.scope.file)) continue;
        const parts = new Set<string>();
        for (const arg of call.args) {
          const labels = flow.labelsOf(arg);
          // Platform strings (`searchParams.get`) cannot inject operators into a filter; written as data they are still unchecked.
          if (labels.has('scalar-input') && (call.op === 'create' || call.op === 'update')) parts.add('form or query-string');
          if (!isClientInput(labels)) continue;
          if ((labels.has('body') || labels.has('body-field')) && !covers(chain, 'body')) parts.add('body');
          if (labels.has('query') && !covers(chain, 'query')) parts.add('query');
        }
        if (parts.size > 0) sinks.push({ call, parts });
      }
      if (sinks.length === 0) continue;
      // A delete's arguments are a filter: the input is queried with, not stored.
      const write = sinks.some((s) => s.call.op === 'create' || s.call.op === 'update');
      const sink = (write ? sinks.find((s) => s.call.op === 'create' || s.call.op === 'update') : sinks[0])!;
      const parts = [...new Set(sinks.flatMap((s) => [...s.parts]))].sort();
      yield { route, flow, sink: sink.call, write, parts, unenforced: chain?.unenforced ?? false };
    }
  },

  report({ route, flow, sink, write, parts, unenforced }) {
    const input = parts.map((p) => (p === 'body' ? 'request body' : p === 'query' ? 'query-string' : p)).join(' and ');
    const fields = route.handlerFacts.bodyFields.length > 0 && parts.includes('body') ? ` (${route.handlerFacts.bodyFields.join(', ')})` : '';
    const action = write ? 'writes' : sink.op === 'delete' ? 'deletes with a filter built from' : 'queries the database with';
    const why = unenforced
      ? "express-validator chains run on this route, but nothing calls validationResult(req), so invalid input is never rejected"
      : 'no schema validation runs on this route before it';
    return {
      message: `${route.method} ${route.path} ${action} ${input} values${fields} in ${describeDbCall(sink)} unchecked: ${why}. A client can send wrong types, huge strings or operator objects ({"$ne": null}). Validate the input with a schema (zod, joi, express-validator + validationResult, …) and use the parsed value.`,
      location: { file: flow.scope.file, span: sink.site.expr.span },
      severity: write ? 'high' : 'medium',
      routeKey: route.key,
      related: [{ message: 'route registered here', location: route.registration }],
    };
  },

  fix(state, ctx) {
    return zodFix(state, ctx);
  },
});

function isWebhookPath(path: string): boolean {
  return pathSegments(path).some((s) => /^(webhooks?|hooks|callbacks?)$/i.test(s) || /webhook/i.test(s));
}

// ---------------------------------------------------------------- quick-fix

/**
 * Express handlers only: generates `const XBody = z.object({…})` from the body fields the handler
 * reads (number when used as a number, otherwise string; optional on PATCH), inserts
 * `const parsed = XBody.safeParse(req.body); if (!parsed.success) return res.status(400)…` at the
 * top of the handler, and replaces `req.body` with `parsed.data`.
 */
function zodFix({ route, flow, parts }: State, ctx: RuleContext): Fix | undefined {
  const { scope } = flow;
  const { facts, file, fnFacts } = scope;
  const req = scope.requestName;
  const res = scope.secondName;
  const fields = route.handlerFacts.bodyFields;
  if (route.framework !== 'express' || !req || !res || fields.length === 0 || !parts.includes('body')) return undefined;
  const text = ctx.getText(file);
  if (!text || text[fnFacts.bodySpan.start] !== '{') return undefined;
  if (fields.some((f) => !/^[A-Za-z_$][\w$]*$/.test(f))) return undefined;

  // Every use of the body must be `req.body…` so that it can become `parsed.data…`.
  const bodyReads = itemsIn(facts, 'reads', scope.fns).filter((r) => r.root === req && r.path[0] === 'body');
  const prefix = `${req}.body`;
  if (bodyReads.some((r) => text.slice(r.span.start, r.span.start + prefix.length) !== prefix)) return undefined;
  if (itemsIn(facts, 'calls', scope.fns).some((c) => c.expr.callee.k === 'member' && /^(json|formData)$/.test(c.expr.callee.name) && chainOf(c.expr.callee.object)?.[0] === req)) return undefined;

  const schemaName = uniqueTopLevelName(facts, schemaNameFor(route));
  const parsedName = uniqueLocalName(facts, scope.fns, 'parsed');
  const statementStart = topLevelStatementStart(facts, text, scope.fn);
  if (statementStart === undefined) return undefined;

  const optional = route.method === 'PATCH' ? '.optional()' : '';
  const props = fields.map((f) => `  ${f}: z.${isUsedAsNumber(flow, f) ? 'number' : 'string'}()${optional},`).join('\n');
  const schema = `const ${schemaName} = z.object({\n${props}\n});\n\n`;

  const open = fnFacts.bodySpan.start + 1;
  const indent = bodyIndent(text, open, fnFacts.span.start);
  const guard = `\n${indent}const ${parsedName} = ${schemaName}.safeParse(${req}.body);\n${indent}if (!${parsedName}.success) return ${res}.status(400).json({ error: 'Invalid request body', issues: ${parsedName}.error.issues });`;

  const edits: TextEdit[] = [{ file, start: statementStart, end: statementStart, text: schema }, { file, start: open, end: open, text: guard }];
  for (const r of bodyReads) edits.push({ file, start: r.span.start, end: r.span.start + prefix.length, text: `${parsedName}.data` });
  if (!isBoundAtTopLevel(facts, 'z')) edits.push(addNamedImport(facts, file, 'z', 'zod'));
  return { title: `Validate the body of ${route.method} ${route.path} with a zod schema (${fields.join(', ')})`, kind: 'unsafe', edits };
}

/** `POST /api/tasks/:id/comments` → `PostTasksCommentsBody`. */
function schemaNameFor(route: Route): string {
  const segments = route.path
    .split('/')
    .filter((s) => s && !s.startsWith(':') && !s.startsWith('[') && !/^(api|v\d+)$/i.test(s))
    .map((s) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1));
  const method = route.method.charAt(0) + route.method.slice(1).toLowerCase();
  return `${method}${segments.join('')}Body`;
}

function uniqueTopLevelName(facts: FileFacts, base: string): string {
  let name = base;
  for (let i = 2; isBoundAtTopLevel(facts, name) && i < 100; i++) name = `${base}${i}`;
  return name;
}

function uniqueLocalName(facts: FileFacts, fns: ReadonlySet<FnId>, base: string): string {
  const decls = itemsIn(facts, 'decls', fns);
  const taken = (n: string) => decls.some((d) => d.names.some((b) => b.name === n));
  let name = base;
  for (let i = 2; taken(name) && i < 100; i++) name = `${base}${i}`;
  return name;
}

/**
 * Where a module-level declaration can go so that the handler sees it: the start of the line of
 * the top-level statement that holds the handler (the route registration, the handler's own
 * declaration, or the wrapper that holds both).
 */
function topLevelStatementStart(facts: FileFacts, text: string, fn: FnId): number | undefined {
  let outer = facts.functions[fn];
  for (let i = 0; outer && outer.parent !== TOP_LEVEL && i < 64; i++) outer = facts.functions[outer.parent];
  if (!outer) return undefined;
  const span = outer.span;
  const inside = (s: { start: number; end: number }) => s.start <= span.start && span.end <= s.end;
  const top = new Set([TOP_LEVEL]);
  const call = topLevelCallsContaining(facts, span).sort((a, b) => a.statementStart - b.statementStart)[0];
  const decl = itemsIn(facts, 'decls', top).find((d) => inside(d.span));
  const assignment = itemsIn(facts, 'assignments', top).find((a) => inside(a.span));
  const start = call?.statementStart ?? decl?.span.start ?? assignment?.span.start ?? span.start;
  return text.lastIndexOf('\n', start - 1) + 1;
}

/** The indentation of the handler body's first statement, or the function's line indent plus two spaces. */
function bodyIndent(text: string, open: number, fnStart: number): string {
  const next = /^[ \t]*\r?\n([ \t]*)\S/.exec(text.slice(open, open + 400));
  if (next) return next[1]!;
  const lineStart = text.lastIndexOf('\n', fnStart - 1) + 1;
  return `${/^[ \t]*/.exec(text.slice(lineStart))![0]}  `;
}

/** A field is a number when the handler does arithmetic or numeric comparisons with it. */
function isUsedAsNumber(flow: Flow, field: string): boolean {
  const { facts, fns } = flow.scope;
  const isField = (e: Expr): boolean => {
    const chain = chainOf(e);
    if (!chain) return false;
    if (chain.length >= 3 && chain[0] === flow.scope.requestName && chain[1] === 'body' && chain[2] === field) return chain.length === 3;
    if (chain.length === 1) return boundFrom(flow.scope, chain[0]!) === field;
    return false;
  };
  let numeric = false;
  const visit = (e: Expr): boolean => {
    if (numeric) return false;
    if (e.k === 'bin') {
      const arithmetic = /^(-|\*|\/|%|\*\*|<|>|<=|>=)$/.test(e.op);
      const withNumber = /^(\+|===|!==|==|!=)$/.test(e.op) && (e.left.k === 'num' || e.right.k === 'num');
      if ((arithmetic || withNumber) && (isField(e.left) || isField(e.right))) numeric = true;
      // `typeof priority === 'number'`.
      if (/^(===|==)$/.test(e.op) && e.left.k === 'unary' && e.left.op === 'typeof' && isField(e.left.expr) && e.right.k === 'str' && e.right.value === 'number') numeric = true;
    }
    if (e.k === 'call' && e.callee.k === 'member') {
      const object = chainOf(e.callee.object);
      if ((object?.[0] === 'Math' || (object?.[0] === 'Number' && /^is/.test(e.callee.name))) && e.args.some(isField)) numeric = true;
      if (/^(toFixed|toPrecision)$/.test(e.callee.name) && isField(e.callee.object)) numeric = true;
    }
    return !numeric;
  };
  for (const c of itemsIn(facts, 'calls', fns)) walkExpr(c.expr, visit);
  for (const g of itemsIn(facts, 'guards', fns)) walkExpr(g.test, visit);
  for (const d of itemsIn(facts, 'decls', fns)) if (d.init) walkExpr(d.init, visit);
  for (const a of itemsIn(facts, 'assignments', fns)) walkExpr(a.value, visit);
  for (const r of itemsIn(facts, 'returns', fns)) if (r.expr) walkExpr(r.expr, visit);
  return numeric;
}

/** The body field a local name was destructured from (`const { priority } = req.body` → 'priority'). */
function boundFrom(scope: HandlerScope, name: string): string | undefined {
  for (const d of itemsIn(scope.facts, 'decls', scope.fns)) {
    if (!d.init) continue;
    const bound = d.names.find((n) => n.name === name && !n.rest);
    if (!bound) continue;
    const init = chainOf(d.init.k === 'await' ? d.init.expr : d.init);
    if (!init) return undefined;
    const full = [...init, ...bound.path];
    if (full[0] === scope.requestName && full[1] === 'body' && full.length === 3) return full[2];
    return undefined;
  }
  return undefined;
}
