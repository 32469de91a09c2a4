import type { Expr, FileFacts, VarDecl } from '../analyzer/model/ir';
import type { TextEdit } from '../analyzer/model/finding';
import type { AppFacts } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { addNamedImport, isBoundAtTopLevel } from './utils/insert-import';
import { importOf } from './utils/calls';
import { isTestLikePath } from './utils/secret-heuristics';
import { fileInScope } from './utils/scope';

interface State {
  app: AppFacts;
}

/** Packages that set the standard security headers. */
const HELMET_MODULES = ['helmet', '@fastify/helmet', 'fastify-helmet', 'lusca', 'koa-helmet'];

/** The headers helmet sets that matter most; two of them set by hand count as an equivalent. */
const SECURITY_HEADERS = new Set(['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options']);

export default defineRule<State>({
  id: 'missing-security-headers',
  incremental: true,
  meta: {
    summary: 'An Express or Fastify app sends no security headers: no helmet and no hand-written equivalent.',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-693', 'CWE-1021'],
    owaspApi: ['API8:2023'],
    fix: 'unsafe',
  },

  // Findings are about apps; what decides them beyond the app's own file is project-wide.
  projectInputs: (ctx) =>
    [
      `helmet anywhere ${projectAppliesHelmet(ctx)}`,
      `by hand ${setsHeadersByHand(ctx)}`,
      ...ctx.model.apps.map((a) => `${a.framework} ${a.at.file}:${a.at.span.start}-${a.at.span.end} helmet ${a.helmet ? `${a.helmet.file}:${a.helmet.span.start}` : '-'}`),
    ].join('\n'),

  *detect(ctx) {
    // Only apps created here (`express()`, `Fastify()`): a Fastify plugin that no app found
    // registers is listed as an app too, but it is a module of some app, not a server.
    const apps = ctx.model.apps.filter((a) => (a.framework === 'express' || a.framework === 'fastify') && isCreationCall(ctx, a));
    if (apps.length === 0) return;
    // helmet used where discovery could not tie it to an app (a setup function called with the
    // app, a plugin registered elsewhere): assume it covers them all rather than guess which.
    if (!apps.some((a) => a.helmet) && projectAppliesHelmet(ctx)) return;
    if (setsHeadersByHand(ctx)) return;
    for (const app of apps) {
      if (app.helmet || isTestLikePath(app.at.file) || !fileInScope(ctx, app.at.file)) continue;
      if (isMountedSubApp(ctx, app)) continue;
      yield { app };
    }
  },

  report({ app }) {
    const kind = app.framework === 'fastify' ? 'Fastify' : 'Express';
    const add = app.framework === 'fastify' ? 'register @fastify/helmet on it' : 'add app.use(helmet()) right after creating it';
    return {
      message: `The ${kind} app created here sends no security headers: no helmet and no hand-written Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options or X-Frame-Options. Browsers will then sniff content types, let other sites frame its pages (clickjacking) and accept plain-http downgrades. ${capitalize(add)}.`,
      location: app.at,
    };
  },

  fix({ app }, ctx) {
    const facts = ctx.files.get(app.at.file);
    const text = ctx.getText(app.at.file);
    if (!facts || !text) return undefined;
    const decl = declOfApp(facts, app);
    if (!decl?.name) return undefined;
    const end = statementEnd(text, decl.span.end);
    if (end === undefined) return undefined;
    const lineStart = text.lastIndexOf('\n', decl.span.start) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const fastify = app.framework === 'fastify';
    const source = fastify ? '@fastify/helmet' : 'helmet';
    const edits: TextEdit[] = [];
    if (!isBoundAtTopLevel(facts, 'helmet')) {
      edits.push(addNamedImport(facts, app.at.file, 'helmet', source, 'default'));
    }
    else if (importOf(facts, 'helmet')?.source !== source) return undefined;
    const use = fastify ? `${decl.name}.register(helmet);` : `${decl.name}.use(helmet());`;
    edits.push({ file: app.at.file, start: end, end, text: `\n${indent}${use}` });
    return { title: `Add security headers: ${use} (install ${source})`, kind: 'unsafe', edits };
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** helmet (or an equivalent) is imported and used anywhere in the project's non-test code. */
function projectAppliesHelmet(ctx: RuleContext): boolean {
  for (const [file, facts] of ctx.files) if (!isTestLikePath(file) && appliesHelmet(facts)) return true;
  return false;
}

// Per file version: the language server asks on every run.
const helmetAppliers = new WeakMap<FileFacts, boolean>();

function appliesHelmet(facts: FileFacts): boolean {
  let applies = helmetAppliers.get(facts);
  if (applies !== undefined) return applies;
  applies = false;
  for (const imp of facts.imports) {
    if (imp.typeOnly || !HELMET_MODULES.includes(imp.source)) continue;
    // An import that is never referenced does not set headers.
    const locals = new Set(imp.bindings.map((b) => b.local));
    if (facts.calls.some((c) => mentionsAny(c.expr, locals))) applies = true;
  }
  helmetAppliers.set(facts, applies);
  return applies;
}

function mentionsAny(expr: Expr, names: ReadonlySet<string>, depth = 0): boolean {
  if (depth > 12) return false;
  switch (expr.k) {
    case 'id':
      return names.has(expr.name);
    case 'member':
      return mentionsAny(expr.object, names, depth + 1);
    case 'call':
      return mentionsAny(expr.callee, names, depth + 1) || expr.args.some((a) => mentionsAny(a, names, depth + 1));
    case 'await':
    case 'spread':
      return mentionsAny(expr.expr, names, depth + 1);
    case 'arr':
      return expr.items.some((i) => mentionsAny(i, names, depth + 1));
    default:
      return false;
  }
}

/**
 * At least two of the main security headers are set by hand somewhere (`res.setHeader('X-Frame-Options', …)`,
 * `res.set({ … })`, `reply.header(…)`, `reply.headers({ … })`), as a custom middleware does.
 */
function setsHeadersByHand(ctx: RuleContext): boolean {
  const seen = new Set<string>();
  for (const [file, facts] of ctx.files) {
    if (isTestLikePath(file)) continue;
    for (const header of headersSetIn(facts)) seen.add(header);
    if (seen.size >= 2) return true;
  }
  return false;
}

const headersByFile = new WeakMap<FileFacts, readonly string[]>();

/** The security headers a file sets by hand (lower case). */
function headersSetIn(facts: FileFacts): readonly string[] {
  let headers = headersByFile.get(facts);
  if (headers) return headers;
  const seen = new Set<string>();
  for (const { expr } of facts.calls) {
    if (expr.callee.k !== 'member' || !/^(setHeader|set|header|headers|append|writeHead)$/.test(expr.callee.name)) continue;
    for (const arg of expr.args) {
      if (arg.k === 'str' && SECURITY_HEADERS.has(arg.value.toLowerCase())) seen.add(arg.value.toLowerCase());
      if (arg.k === 'obj') for (const p of arg.props) if (p.key && SECURITY_HEADERS.has(p.key.toLowerCase())) seen.add(p.key.toLowerCase());
    }
  }
  headersByFile.set(facts, (headers = [...seen]));
  return headers;
}

/** The app's location is the call that creates it. */
function isCreationCall(ctx: RuleContext, app: AppFacts): boolean {
  const facts = ctx.files.get(app.at.file);
  return facts?.calls.some((c) => c.expr.span.start === app.at.span.start && c.expr.span.end === app.at.span.end) ?? false;
}

/** `const admin = express(); app.use('/admin', admin)`: the parent app's headers apply. */
function isMountedSubApp(ctx: RuleContext, app: AppFacts): boolean {
  const facts = ctx.files.get(app.at.file);
  const name = facts ? declOfApp(facts, app)?.name : undefined;
  if (!name || !facts) return false;
  return facts.calls.some((c) => c.expr.callee.k === 'member' && (c.expr.callee.name === 'use' || c.expr.callee.name === 'register') && !(c.expr.callee.object.k === 'id' && c.expr.callee.object.name === name) && c.expr.args.some((a) => a.k === 'id' && a.name === name));
}

/** The `const app = express()` declaration that creates the app. */
function declOfApp(facts: FileFacts, app: AppFacts): VarDecl | undefined {
  return facts.decls.find((d) => {
    let init = d.init;
    if (init?.k === 'await') init = init.expr;
    return init !== undefined && init.span.start === app.at.span.start && init.span.end === app.at.span.end;
  }) ?? facts.decls.find((d) => d.init?.span.start === app.at.span.start);
}

/** The offset just after the declaration statement (`;` included), or undefined if more declarators follow. */
function statementEnd(text: string, declEnd: number): number | undefined {
  let i = declEnd;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === ',') return undefined;
  return text[i] === ';' ? i + 1 : declEnd;
}
