import type { Expr, FileFacts, Span } from '../analyzer/model/ir';
import type { Fix } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { callWithSpan, itemsIn } from './utils/calls';
import { chainOf, handlerFlow, type Flow } from './utils/data-flow';
import { describeDbCall, persistenceCalls } from './utils/persistence';
import { chainValidation, covers } from './utils/validation';
import { routesToCheck } from './utils/scope';

interface Sink {
  /** What receives the body: 'write' (a database write) or 'merge' (`Object.assign`, `_.merge`). */
  kind: 'write' | 'merge';
  /** Words for the message: `Task.create(…)`, `Object.assign(user, …)`. */
  where: string;
  /** The whole-body expression (or the `...req.body` spread property). */
  span: Span;
  /** The body expression itself, and whether it is spread into an object literal. */
  body: Expr;
  spread: boolean;
}

interface State {
  route: Route;
  flow: Flow;
  sink: Sink;
  /** Fields the route names (read in the handler, or declared by express-validator chains). */
  fields: string[];
  /** The handler validated the body but writes the raw body, not the parsed value. */
  rawAfterParse: boolean;
}

/** Object keys whose value is the data written (Prisma `data`, Mongo `$set`, Drizzle `values`…). */
const DATA_KEYS = /^(data|create|update|\$set|\$setOnInsert|values|set|attributes|fields|changes|doc|document|record|item|input|payload|body|properties|entity|patch|updates)$/;
/** Zod/valibot-style parses return a stripped copy; the raw body keeps every key the client sent. */
const STRIPPING_PARSE = /^(parse|safeParse|parseAsync|safeParseAsync|Parse|Decode)$/;
const LODASH_MERGE = /^(merge|assign|extend|defaults|defaultsDeep|mergeWith|assignIn|assignWith)$/;

export default defineRule<State>({
  id: 'mass-assignment',
  incremental: true,
  meta: {
    summary: 'The whole request body is written to the database or merged into a record, so a client can set fields it should not (role, owner, balance).',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-915'],
    owaspApi: ['API3:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      const flow = handlerFlow(ctx, route);
      if (!flow) continue;
      const chain = chainValidation(ctx, route, flow.scope);
      // A schema on the chain (celebrate/joi, zod middleware, Fastify schema.body) rejects or strips unknown keys.
      if (chain && !chain.fieldLevelOnly && covers(chain, 'body')) continue;
      const parse = handlerValidation(route, flow);
      for (const sink of findSinks(flow)) {
        let rawAfterParse = false;
        // express-validator's validationResult checks the named fields only; unknown keys pass.
        if (parse && parse.start < sink.span.start && !/^(validationResult|matchedData)$/.test(parse.name)) {
          if (!STRIPPING_PARSE.test(parse.name)) continue;
          rawAfterParse = true;
        }
        const fields = [...new Set([...route.handlerFacts.bodyFields, ...(chain?.fields ?? [])])].sort();
        yield { route, flow, sink, fields, rawAfterParse };
        break;
      }
    }
  },

  report({ route, flow, sink, fields, rawAfterParse }) {
    const into = sink.kind === 'write' ? `into ${sink.where}` : `into a record with ${sink.where}`;
    const pick = fields.length > 0 ? `pick the fields this route accepts ({ ${fields.join(', ')} })` : 'pick the fields this route accepts';
    const why = rawAfterParse ? ' The body is validated, but the raw body (with any extra keys) is what gets written.' : '';
    return {
      message: `${route.method} ${route.path} passes the whole request body ${into}: a client can set any field the record has (role, ownerId, isAdmin, balance…), not only the ones the form shows (mass assignment).${why} Instead, ${pick}, or write the value a schema parsed.`,
      location: { file: flow.scope.file, span: sink.span },
      routeKey: route.key,
      related: [{ message: 'route registered here', location: route.registration }],
    };
  },

  fix(state, ctx) {
    return pickFix(state, ctx);
  },
});

/** Database writes and object merges that receive the whole body, in source order. */
function findSinks(flow: Flow): Sink[] {
  const { facts, fns } = flow.scope;
  const sinks: Sink[] = [];
  for (const call of persistenceCalls(facts, fns)) {
    // A project helper (`updateUserById(id, req.body)`) may pick or validate inside: not judged from here.
    if ((call.op !== 'create' && call.op !== 'update') || call.viaHelper) continue;
    // Every data argument of the chain: `db.insert(t).values(body)` writes through `values`.
    for (const arg of call.args) {
      const hit = wholeBodyIn(flow, arg, 0);
      if (hit) {
        sinks.push({ kind: 'write', where: describeDbCall(call), ...hit });
        break;
      }
    }
  }
  for (const site of itemsIn(facts, 'calls', fns)) {
    const call = site.expr;
    if (!isMerge(facts, call)) continue;
    const [target, ...sources] = call.args;
    if (!target || (target.k === 'obj' && target.props.length === 0)) continue;
    for (const source of sources) {
      if (!flow.labelsOf(source).has('body')) continue;
      const targetText = chainOf(target)?.join('.') ?? '…';
      const callee = chainOf(call.callee)?.join('.') ?? 'merge';
      sinks.push({ kind: 'merge', where: `${callee}(${targetText}, …)`, span: source.span, body: source, spread: false });
      break;
    }
  }
  return sinks.sort((a, b) => a.span.start - b.span.start);
}

/** Where the whole body sits in a write argument: the argument itself, a spread, or a data property. */
function wholeBodyIn(flow: Flow, expr: Expr, depth: number): Omit<Sink, 'kind' | 'where'> | undefined {
  if (depth > 4) return undefined;
  if (expr.k === 'obj') {
    for (const p of expr.props) {
      if (p.spread && flow.labelsOf(p.value).has('body')) return { span: p.span, body: p.value, spread: true };
      if (!p.spread && p.key && DATA_KEYS.test(p.key)) {
        const inner = wholeBodyIn(flow, p.value, depth + 1);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  if (flow.labelsOf(expr).has('body')) return { span: expr.span, body: expr, spread: false };
  return undefined;
}

/** `Object.assign(target, …)`, `_.merge(target, …)`, or a `merge` imported from lodash/deepmerge. */
function isMerge(facts: FileFacts, call: Extract<Expr, { k: 'call' }>): boolean {
  const callee = call.callee;
  if (callee.k === 'member') {
    const object = chainOf(callee.object);
    if (object?.length === 1 && object[0] === 'Object' && callee.name === 'assign') return true;
    return object?.length === 1 && /^(_|lodash|R)$/.test(object[0]!) && LODASH_MERGE.test(callee.name);
  }
  if (callee.k === 'id' && LODASH_MERGE.test(callee.name)) {
    return facts.imports.some((i) => /^(lodash|lodash-es|lodash\/.*|lodash\.\w+|deepmerge|just-merge|merge-deep)$/.test(i.source) && i.bindings.some((b) => b.local === callee.name));
  }
  return false;
}

/** The in-handler validation call (name and offset), when the handler has one. */
function handlerValidation(route: Route, flow: Flow): { name: string; start: number } | undefined {
  const v = route.handlerFacts.validation;
  if (!v || v.file !== flow.scope.file) return undefined;
  const call = callWithSpan(flow.scope.facts, v.span);
  const callee = call?.expr.callee;
  const name = callee?.k === 'member' || callee?.k === 'id' ? callee.name : '';
  return { name, start: v.span.start };
}

// ---------------------------------------------------------------- quick-fix

/**
 * Replaces the whole body with an object literal of the named fields: `Task.create(req.body)` →
 * `Task.create({ title: req.body.title, done: req.body.done })`; `{ ...req.body, ownerId }` →
 * `{ title: req.body.title, done: req.body.done, ownerId }`. Offered only when the route names
 * its fields and the body is written as a plain name or member chain.
 */
function pickFix({ route, flow, sink, fields }: State, ctx: RuleContext): Fix | undefined {
  if (fields.length === 0 || !flow.isDirectBody(sink.body)) return undefined;
  const text = ctx.getText(flow.scope.file);
  if (!text || !chainOf(sink.body)) return undefined;
  const base = text.slice(sink.body.span.start, sink.body.span.end);
  const entries = fields.map((f) => (/^[A-Za-z_$][\w$]*$/.test(f) ? `${f}: ${base}.${f}` : `${JSON.stringify(f)}: ${base}[${JSON.stringify(f)}]`));
  const replacement = sink.spread ? entries.join(', ') : `{ ${entries.join(', ')} }`;
  return {
    title: `Write only the named fields (${fields.join(', ')}) instead of the whole body in ${route.method} ${route.path}`,
    kind: 'unsafe',
    edits: [{ file: flow.scope.file, start: sink.span.start, end: sink.span.end, text: replacement }],
  };
}

