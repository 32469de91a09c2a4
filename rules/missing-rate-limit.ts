import type { Fix, TextEdit } from '../analyzer/model/finding';
import type { Expr, FileFacts } from '../analyzer/model/ir';
import type { Framework, Location, Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { callWithSpan, findProp, projectImports, walkExpr } from './utils/calls';
import { addNamedImport, isBoundAtTopLevel } from './utils/insert-import';
import { addPropsEdit } from './utils/object-edits';
import { abuseSensitiveKind, hasChainAuth, type KindEvidence, type RouteKind } from './utils/route-kinds';
import { routesRegisteredIn } from './utils/route-lookup';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  evidence: KindEvidence;
  /** Where the limiter declaration goes in the registration file (shared by same-kind routes so fixes agree). */
  declareAt: number | undefined;
}

/** The limiter each kind gets: a name and conservative express-rate-limit options. */
const LIMITERS: Record<RouteKind, { name: string; options: string; fastify: string }> = {
  credential: { name: 'authLimiter', options: "{ windowMs: 15 * 60 * 1000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false }", fastify: "{ max: 10, timeWindow: '15 minutes' }" },
  expensive: { name: 'expensiveLimiter', options: "{ windowMs: 15 * 60 * 1000, limit: 30, standardHeaders: 'draft-7', legacyHeaders: false }", fastify: "{ max: 30, timeWindow: '15 minutes' }" },
  webhook: { name: 'webhookLimiter', options: "{ windowMs: 60 * 1000, limit: 120, standardHeaders: 'draft-7', legacyHeaders: false }", fastify: "{ max: 120, timeWindow: '1 minute' }" },
};

const CONSEQUENCE: Record<RouteKind, string> = {
  credential: 'an attacker can try passwords or codes at full speed (brute force, credential stuffing)',
  expensive: 'one client can call it in a loop and exhaust CPU, storage or a paid API quota',
  webhook: 'anyone can flood it with forged or replayed deliveries',
};

const ADVICE: Record<Framework, string> = {
  express: 'Put a limiter (express-rate-limit) on this route, or register one with app.use() before it',
  fastify: 'Register @fastify/rate-limit and give this route config.rateLimit',
  next: 'Check a limiter (e.g. @upstash/ratelimit) at the top of the handler and answer 429',
};

export default defineRule<State>({
  id: 'missing-rate-limit',
  incremental: true,
  meta: {
    summary: 'A credential, webhook or expensive endpoint has no rate limiter on its path.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-307', 'CWE-770'],
    owaspApi: ['API4:2023', 'API6:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    const states: State[] = [];
    for (const route of routesToCheck(ctx)) {
      if (isRateLimited(route)) continue;
      const evidence = abuseSensitiveKind(ctx, route);
      if (evidence) states.push({ route, evidence, declareAt: undefined });
    }
    planDeclarations(ctx, states);
    yield* states;
  },

  report({ route, evidence }) {
    const high = evidence.kind === 'credential' && !hasChainAuth(route);
    const related = evidence.at ? [{ message: `${evidence.kind === 'expensive' ? 'the costly work' : 'the credential check'} happens here`, location: evidence.at }] : [];
    return {
      message: `${route.method} ${route.path} is a ${label(evidence.kind)} endpoint (${evidence.reason}) but no rate limiter runs before its handler, none globally before it and none inside it: ${CONSEQUENCE[evidence.kind]}. ${ADVICE[route.framework]}.`,
      location: route.registration,
      severity: high ? 'high' : 'medium',
      routeKey: route.key,
      related: [...related, ...route.mounts.map((m) => ({ message: 'router mounted here', location: m }))],
    };
  },

  fix(state, ctx) {
    return FIXERS[state.route.framework]?.(state, ctx);
  },
});

function label(kind: RouteKind): string {
  return kind === 'credential' ? 'credential' : kind === 'webhook' ? 'webhook' : 'high-cost';
}

/** A limiter on the chain (route, mount or a global `use` registered before the route), or one in the handler. */
export function isRateLimited(route: Route): boolean {
  return route.chain.some((m) => m.roles.includes('rate-limit')) || route.handlerFacts.rateLimit !== undefined;
}

/**
 * Quick-fix builders per framework. Express: a limiter const plus its import, inserted on the
 * chain. Fastify: `config: { rateLimit }` in the route options. Next: none (which limiter store to
 * use is the project's choice).
 */
const FIXERS: Partial<Record<Framework, (state: State, ctx: RuleContext) => Fix | undefined>> = {
  express: expressFix,
  fastify: fastifyFix,
};

/**
 * Fastify: per-route `config.rateLimit` of @fastify/rate-limit, written into the route's options
 * object (into its `config` when it has one), or a new options argument before the handler. Only
 * offered when the project uses @fastify/rate-limit: without the plugin the option does nothing.
 */
function fastifyFix({ route, evidence }: State, ctx: RuleContext): Fix | undefined {
  if (!projectImports(ctx, ['@fastify/rate-limit', 'fastify-rate-limit'])) return undefined;
  const limit = `rateLimit: ${LIMITERS[evidence.kind].fastify}`;
  const title = `Rate-limit ${route.method} ${route.path}: set config.rateLimit (@fastify/rate-limit) on the route`;
  const options = route.routeOptions;
  if (options?.object) {
    const { file, span } = options.object;
    const text = ctx.getText(file);
    const obj = text === undefined ? undefined : objectAt(ctx, file, span);
    if (!text || !obj) return undefined;
    const config = findProp(obj, 'config');
    if (config && config.value.k !== 'obj') return undefined;
    const edit = config?.value.k === 'obj' ? addPropsEdit(text, file, config.value, [limit]) : addPropsEdit(text, file, obj, [`config: { ${limit} }`]);
    return edit ? { title, kind: 'unsafe', edits: [edit] } : undefined;
  }
  if (options?.insertAt) {
    const at = options.insertAt.span.start;
    return { title, kind: 'unsafe', edits: [{ file: options.insertAt.file, start: at, end: at, text: `{ config: { ${limit} } }, ` }] };
  }
  return undefined;
}

/** The object literal written at `span` in `file` (a route's options argument). */
function objectAt(ctx: RuleContext, file: string, span: { start: number; end: number }): Extract<Expr, { k: 'obj' }> | undefined {
  let found: Extract<Expr, { k: 'obj' }> | undefined;
  for (const call of ctx.files.get(file)?.calls ?? []) {
    if (call.expr.span.start > span.start || call.expr.span.end < span.end) continue;
    walkExpr(call.expr, (e) => {
      if (found) return false;
      if (e.k === 'obj' && e.span.start === span.start && e.span.end === span.end) found = e;
      return e.span.start <= span.start && span.end <= e.span.end;
    });
    if (found) return found;
  }
  return undefined;
}

function expressFix({ route, evidence, declareAt }: State, ctx: RuleContext): Fix | undefined {
  const insertion = route.chainInsertion;
  if (!insertion || declareAt === undefined) return undefined;
  const file = insertion.file;
  const facts = ctx.files.get(file);
  const text = ctx.getText(file);
  if (!facts || text === undefined) return undefined;
  const limiter = LIMITERS[evidence.kind];
  const edits: TextEdit[] = [];

  // The name express-rate-limit's factory has in this file, importing it when needed.
  let factory = rateLimitBinding(facts);
  if (!factory) {
    if (isBoundAtTopLevel(facts, 'rateLimit')) return undefined;
    factory = 'rateLimit';
    edits.push(afterStatement(text, addNamedImport(facts, file, 'rateLimit', 'express-rate-limit')));
  }
  if (isBoundAtTopLevel(facts, limiter.name)) {
    // Reuse a limiter of that name only when it is an express-rate-limit limiter.
    const decl = facts.decls.find((d) => d.fn === -1 && d.name === limiter.name);
    if (!(decl?.init?.k === 'call' && decl.init.callee.k === 'id' && decl.init.callee.name === factory)) return undefined;
  } else {
    const indent = /^[ \t]*/.exec(text.slice(declareAt))?.[0] ?? '';
    edits.push({ file, start: declareAt, end: declareAt, text: `${indent}const ${limiter.name} = ${factory}(${limiter.options});\n\n` });
  }
  edits.push({ file, start: insertion.span.start, end: insertion.span.start, text: `${limiter.name}, ` });
  return { title: `Rate-limit ${route.method} ${route.path}: add ${limiter.name} (express-rate-limit) before the handler`, kind: 'unsafe', edits };
}

/**
 * A `require` import's span is its declarator (`x = require('x')`), so an insertion at its end
 * would land before the statement's `;`: move it to the end of the line when only `;` follows.
 */
function afterStatement(text: string, edit: TextEdit): TextEdit {
  if (edit.start !== edit.end || edit.start === 0) return edit;
  const lineEnd = text.indexOf('\n', edit.start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const rest = text.slice(edit.start, end);
  return rest.trim() === ';' ? { ...edit, start: end, end } : edit;
}

/** The local name of express-rate-limit's factory, when the file imports it. */
function rateLimitBinding(facts: FileFacts): string | undefined {
  for (const imp of facts.imports) {
    if (imp.source !== 'express-rate-limit' || imp.typeOnly) continue;
    const b = imp.bindings.find((x) => x.imported === 'default' || x.imported === 'rateLimit' || x.imported === '*');
    // `const rateLimit = require('express-rate-limit')` binds the module, which is callable in v6
    // and exposes `rateLimit` in v7; a named binding is the one that works in both.
    if (b && (b.imported !== '*' || imp.kind === 'require')) return b.local;
  }
  return undefined;
}

/**
 * Where each limiter's declaration goes: at the start of the line of the first route registered in
 * the same function of the file (before the comments above it). Every fix in that function inserts
 * its declaration there, so applying them all declares each limiter once; and the place depends on
 * the file alone, not on which routes a run checks (the language server checks only the routes an
 * edit reaches). Routes registered inside a function get a declaration in that function.
 */
function planDeclarations(ctx: RuleContext, states: State[]): void {
  for (const state of states) state.declareAt = declarationLine(ctx, state.route.registration);
}

const declarationLines = new WeakMap<RuleContext['model'], Map<string, number | undefined>>();

function declarationLine(ctx: RuleContext, registration: Location): number | undefined {
  const { file } = registration;
  const facts = ctx.files.get(file);
  const text = ctx.getText(file);
  const call = facts ? callWithSpan(facts, registration.span) : undefined;
  if (!facts || !call || text === undefined) return undefined;
  let known = declarationLines.get(ctx.model);
  if (!known) declarationLines.set(ctx.model, (known = new Map()));
  const key = `${file}\0${call.fn}`;
  if (known.has(key)) return known.get(key);
  let first = call.statementStart;
  for (const route of routesRegisteredIn(ctx, file)) {
    const other = callWithSpan(facts, route.registration.span);
    if (other && other.fn === call.fn && other.statementStart < first) first = other.statementStart;
  }
  const at = lineStartBeforeComments(facts, text, first);
  known.set(key, at);
  return at;
}

/** The start of the line holding `offset`, moved up over whole-line comments directly above it. */
function lineStartBeforeComments(facts: FileFacts, text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let i = 0; i < 50; i++) {
    const prevEnd = start - 1;
    if (prevEnd <= 0) break;
    const comment = facts.comments.find((c) => c.span.end <= prevEnd && text.slice(c.span.end, prevEnd).trim() === '' && !text.slice(c.span.end, prevEnd).includes('\n'));
    if (!comment) break;
    const lineStart = text.lastIndexOf('\n', comment.span.start - 1) + 1;
    if (text.slice(lineStart, comment.span.start).trim() !== '') break;
    start = lineStart;
  }
  return start;
}
