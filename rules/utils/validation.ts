/**
 * What validates a route's input, shared by unvalidated-input and mass-assignment: schema
 * validation on the chain (celebrate, express-validator, zod/joi middleware, a Fastify
 * `schema.body`, a project `validate(schema)` middleware) or in the handler before a given point.
 *
 * express-validator is special: its chains (`body('email').isEmail()`) only record errors; nothing
 * is rejected unless someone calls `validationResult(req)`. A route whose only validation is such
 * chains, with no `validationResult` in the handler or another middleware, is not validated.
 */
import type { Expr } from '../../analyzer/model/ir';
import type { Location, Middleware, Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import type { HandlerScope } from './data-flow';
import { callWithSpan, itemsIn } from './calls';

/** express-validator's chain builders: `body('email').isEmail()`, `check('id').isUUID()`. */
const FIELD_VALIDATOR = /^(body|check|param|query|header|cookie|oneOf|checkSchema|checkExact)$/;

export interface ChainValidation {
  middleware: Middleware[];
  /** Only express-validator field chains: validation is field by field, unknown keys pass. */
  fieldLevelOnly: boolean;
  /** Field chains run but nothing reads their result (no `validationResult`). */
  unenforced: boolean;
  /** Body fields the chains name, e.g. ['email', 'password'] for `body('email')`, `body('password')`. */
  fields: string[];
  /**
   * The request parts a schema covers, when the chain says (Fastify's `schema.body`,
   * `schema.querystring`); undefined when a validator may cover any part.
   */
  parts: Set<'body' | 'query' | 'params' | 'headers'> | undefined;
}

/** True when the chain's validation covers the request part `part`. */
export function covers(chain: ChainValidation | undefined, part: 'body' | 'query'): boolean {
  if (!chain || chain.unenforced) return false;
  return chain.parts === undefined || chain.parts.has(part);
}

export function chainValidation(ctx: RuleContext, route: Route, scope: HandlerScope | undefined): ChainValidation | undefined {
  const middleware = route.chain.filter((m) => m.roles.includes('validation'));
  if (middleware.length === 0) return undefined;
  const builders = middleware.map((m) => ({ m, builder: fieldBuilder(ctx, m) }));
  const fieldChains = builders.filter((b) => b.builder !== undefined);
  const fieldLevelOnly = fieldChains.length === middleware.length;
  const fields = [...new Set(fieldChains.filter((b) => /^(body|check)$/.test(b.builder!.name) && b.builder!.field).map((b) => b.builder!.field!))].sort();
  const handlerReadsResult = scope !== undefined && itemsIn(scope.facts, 'calls', scope.fns).some((c) => calleeName(c.expr.callee) === 'validationResult');
  // Fastify route schemas are recorded per part (`schema.body`, `schema.querystring`).
  const partOf = (m: Middleware) => {
    const part = /^schema\.(\w+)$/.exec(m.name)?.[1];
    return part === 'body' ? 'body' : part === 'querystring' || part === 'query' ? 'query' : part === 'params' ? 'params' : part === 'headers' ? 'headers' : undefined;
  };
  const known = middleware.map(partOf);
  const parts = known.every((p) => p !== undefined) ? new Set(known as ('body' | 'query' | 'params' | 'headers')[]) : undefined;
  return { middleware, fieldLevelOnly, unenforced: fieldLevelOnly && !handlerReadsResult, fields, parts };
}

/** In-handler validation that happens before `offset` (the handler facts' validation, or any later-found one). */
export function validatedInHandlerBefore(route: Route, offset: number, file: string): Location | undefined {
  const v = route.handlerFacts.validation;
  if (v && v.file === file && v.span.start < offset) return v;
  if (v && v.file !== file) return v;
  return undefined;
}

function calleeName(expr: Expr): string {
  return expr.k === 'id' || expr.k === 'member' ? expr.name : '';
}

/**
 * The express-validator builder at the root of a middleware expression: `body('email').isEmail()`
 * gives { name: 'body', field: 'email' }. Read from the call at the middleware's location.
 */
function fieldBuilder(ctx: RuleContext, mw: Middleware): { name: string; field: string | undefined } | undefined {
  const facts = ctx.files.get(mw.at.file);
  const site = facts ? callWithSpan(facts, mw.at.span) : undefined;
  let cur: Expr | undefined = site?.expr;
  for (let i = 0; cur && i < 32; i++) {
    if (cur.k !== 'call') return undefined;
    const callee: Expr = cur.callee;
    if (callee.k === 'id') {
      if (!FIELD_VALIDATOR.test(callee.name)) return undefined;
      const first = cur.args[0];
      return { name: callee.name, field: first?.k === 'str' ? first.value : undefined };
    }
    cur = callee.k === 'member' ? callee.object : undefined;
  }
  return undefined;
}
