/**
 * What validates a route's input, shared by unvalidated-input and mass-assignment: schema
 * validation on the chain (celebrate, express-validator, zod/joi middleware, a Fastify
 * `schema.body`, a project `validate(schema)` middleware) or in the handler before a given point.
 *
 * express-validator is special: its chains (`body('email').isEmail()`) only record errors; nothing
 * is rejected unless someone calls `validationResult(req)`. A route whose only validation is such
 * chains, with no `validationResult` in the handler or another middleware, is not validated.
 */
import type { Location, Middleware, Route } from '../../analyzer/model/route-model';
import type { HandlerScope } from './data-flow';

/** express-validator's chain builders, as they read on the chain: `body('email')`, `check('id')`. */
const FIELD_VALIDATOR = /^(body|check|param|query|header|cookie|oneOf|checkSchema|checkExact)\(/;

export interface ChainValidation {
  middleware: Middleware[];
  /** Only express-validator field chains: validation is field by field, unknown keys pass. */
  fieldLevelOnly: boolean;
  /** Field chains run but nothing reads their result (no `validationResult`). */
  unenforced: boolean;
  /** Body fields the chains name, e.g. ['email', 'password'] for `body('email')`, `body('password')`. */
  fields: string[];
}

export function chainValidation(route: Route, scope: HandlerScope | undefined): ChainValidation | undefined {
  const middleware = route.chain.filter((m) => m.roles.includes('validation'));
  if (middleware.length === 0) return undefined;
  const fieldChains = middleware.filter((m) => FIELD_VALIDATOR.test(m.name));
  const fieldLevelOnly = fieldChains.length === middleware.length;
  const fields = [...new Set(fieldChains.filter((m) => /^(body|check)\(/.test(m.name)).flatMap((m) => m.args))].sort();
  const handlerReadsResult = scope !== undefined && scope.facts.calls.some((c) => scope.fns.has(c.fn) && calleeName(c.expr.callee) === 'validationResult');
  return { middleware, fieldLevelOnly, unenforced: fieldLevelOnly && !handlerReadsResult, fields };
}

/** In-handler validation that happens before `offset` (the handler facts' validation, or any later-found one). */
export function validatedInHandlerBefore(route: Route, offset: number, file: string): Location | undefined {
  const v = route.handlerFacts.validation;
  if (v && v.file === file && v.span.start < offset) return v;
  if (v && v.file !== file) return v;
  return undefined;
}

function calleeName(expr: { k: string; name?: string }): string {
  return expr.k === 'id' || expr.k === 'member' ? (expr.name ?? '') : '';
}
