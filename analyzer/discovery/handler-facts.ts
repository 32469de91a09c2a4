/**
 * In-handler facts, framework-neutral: which request parts the handler reads and which checks it
 * makes itself. The same reading serves Express `req`, Fastify `request` and Next `request`.
 */
import type { Expr, FnId } from '../model/ir';
import type { CredentialOp, HandlerFacts, Location } from '../model/route-model';
import { readBehaviour } from './behaviour';
import { sliceOf } from './fn-slices';
import type { RegionShift } from './memo';
import type { ProjectIndex } from './project-index';

const REQUEST_PARTS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'files', 'file', 'searchParams', 'nextUrl']);

export function emptyHandlerFacts(): HandlerFacts {
  return { inputs: [], bodyFields: [], authCheck: undefined, roleCheck: undefined, validation: undefined, rateLimit: undefined, credentialOps: [] };
}

/**
 * Reads the facts of handler `fn` in `file`, including the functions nested in it (callbacks,
 * `.then` chains) and same-project helpers it calls directly with the request.
 */
export function readHandlerFacts(index: ProjectIndex, file: string, fn: FnId, requestParam?: string): HandlerFacts {
  return index.memoize(`handler:${file}:${fn}:${requestParam ?? ''}`, () => computeHandlerFacts(index, file, fn, requestParam), carryHandlerFacts).facts;
}

/** Handler facts with the functions whose code they were read from. */
interface HandlerReading {
  facts: HandlerFacts;
  /** The handler and the project functions its credential operations were looked for in (each with its nested functions). */
  read: { file: string; fn: FnId }[];
}

/**
 * Handler facts after an edit inside an edit region (see memo.ts `RegionEdit`) of a file they were
 * read from: the same facts, their locations shifted, when every function they were read from lies
 * outside the region. (The region declares nothing those functions can name, so what they resolve
 * names to is unchanged too.) An edit in the handler itself, or in a function it calls, computes
 * them again. This is what keeps the other 199 handlers of a 2,000-line route file from being read
 * again on every keystroke in one of them.
 */
function carryHandlerFacts(reading: HandlerReading, shift: RegionShift): HandlerReading | undefined {
  for (const { file, fn } of reading.read) if (!shift.keepsFunction(file, fn)) return undefined;
  const { facts } = reading;
  let moved = false;
  let lost = false;
  const at = (loc: Location | undefined): Location | undefined => {
    if (!loc) return loc;
    const span = shift.span(loc.file, loc.span);
    if (!span) lost = true;
    if (!span || span === loc.span) return loc;
    moved = true;
    return { file: loc.file, span };
  };
  const authCheck = at(facts.authCheck);
  const roleCheck = at(facts.roleCheck);
  const validation = at(facts.validation);
  const rateLimit = at(facts.rateLimit);
  if (lost) return undefined;
  return moved ? { facts: { ...facts, authCheck, roleCheck, validation, rateLimit }, read: reading.read } : reading;
}

function computeHandlerFacts(index: ProjectIndex, file: string, fn: FnId, requestParam?: string): HandlerReading {
  const read = [{ file, fn }];
  return { facts: handlerFactsOf(index, file, fn, read, requestParam), read };
}

function handlerFactsOf(index: ProjectIndex, file: string, fn: FnId, read: { file: string; fn: FnId }[], requestParam?: string): HandlerFacts {
  const facts = index.get(file);
  const fnFacts = facts?.functions[fn];
  if (!facts || !fnFacts) return emptyHandlerFacts();
  const requestName = requestParam ?? fnFacts.params[0]?.name ?? 'req';
  const fns = index.functionAndDescendants(file, fn);
  const requestNames = new Set([requestName]);

  const slice = sliceOf(facts, fns);
  const inputs = new Set<string>();
  const bodyFields = new Set<string>();
  const bodyAliases = new Set<string>();
  for (const decl of slice.decls) {
    if (!decl.init) continue;
    const init = stripAwait(decl.init);
    // `const { email, password } = req.body` and `const body = await request.json()`.
    if (isRequestPart(init, requestNames, 'body') || isBodyCall(init, requestNames)) {
      if (decl.name) bodyAliases.add(decl.name);
      for (const n of decl.names) if (n.path[0]) bodyFields.add(n.path[0]);
      inputs.add(init.k === 'call' ? `${exprCalleeName(init)}()` : 'body');
    }
    // `const { body, query } = req`.
    if (init.k === 'id' && requestNames.has(init.name)) {
      for (const n of decl.names) {
        if (n.path[0] && REQUEST_PARTS.has(n.path[0])) {
          inputs.add(n.path[0]);
          if (n.path[0] === 'body') {
            if (n.path.length === 1) bodyAliases.add(n.name);
            else if (n.path[1]) bodyFields.add(n.path[1]);
          }
        }
      }
    }
  }
  for (const read of slice.reads) {
    if (requestNames.has(read.root)) {
      const part = read.path[0];
      if (part && REQUEST_PARTS.has(part)) inputs.add(part);
      if (part === 'body' && read.path[1]) bodyFields.add(read.path[1]);
    } else if (bodyAliases.has(read.root) && read.path[0]) {
      bodyFields.add(read.path[0]);
    }
  }
  for (const call of slice.calls) {
    const c = call.expr.callee;
    if (c.k === 'member' && c.object.k === 'id' && requestNames.has(c.object.name) && /^(json|formData|text|arrayBuffer|blob)$/.test(c.name)) inputs.add(`${c.name}()`);
  }

  const behaviour = readBehaviour(facts, fns, requestNames);
  const credentialOps = credentialOpsOf(index, file, fns, read);
  // A login handler answers 401 on a wrong password: that is the sign-in itself, not a check that
  // the caller is already authenticated.
  const signsIn = credentialOps.includes('password-compare') || credentialOps.includes('session-login');
  return {
    credentialOps,
    inputs: [...inputs].sort(),
    bodyFields: [...bodyFields].sort(),
    authCheck: signsIn ? undefined : behaviour.authCheck,
    roleCheck: behaviour.roleCheck,
    validation: behaviour.validation,
    rateLimit: behaviour.rateLimit,
  };
}

const CREDENTIAL_OPS: readonly { module: RegExp; member: RegExp; op: CredentialOp }[] = [
  { module: /^(bcrypt|bcryptjs|argon2|@node-rs\/argon2|@node-rs\/bcrypt)$/, member: /^(hash|hashSync)$/, op: 'password-hash' },
  { module: /^(bcrypt|bcryptjs|argon2|@node-rs\/argon2|@node-rs\/bcrypt)$/, member: /^(compare|compareSync|verify)$/, op: 'password-compare' },
  { module: /^(jsonwebtoken|jose)$/, member: /^(sign|SignJWT)$/, op: 'token-sign' },
  { module: /^passport$/, member: /^authenticate$/, op: 'session-login' },
];

/**
 * Credential operations in the handler's functions and in project functions they call, two levels
 * deep (`createUser()` in a service that hashes the password).
 */
function credentialOpsOf(index: ProjectIndex, file: string, fns: ReadonlySet<FnId>, read: { file: string; fn: FnId }[], depth = 0, seen = new Set<string>()): CredentialOp[] {
  const facts = index.get(file);
  if (!facts) return [];
  const ops = new Set<CredentialOp>();
  for (const call of sliceOf(facts, fns).calls) {
    const value = index.evaluate(file, call.expr.callee, call.fn);
    if (value.kind === 'external') {
      const member = value.path[value.path.length - 1] ?? '';
      for (const known of CREDENTIAL_OPS) if (known.module.test(value.module) && known.member.test(member)) ops.add(known.op);
    } else if (call.expr.callee.k === 'member' && /^(login|logIn)$/.test(call.expr.callee.name)) {
      // Passport's `req.login(user, cb)` starts a session.
      ops.add('session-login');
    } else if (value.kind === 'function' && depth < 2) {
      const key = `${value.file}:${value.fn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      read.push({ file: value.file, fn: value.fn });
      for (const op of credentialOpsOf(index, value.file, index.functionAndDescendants(value.file, value.fn), read, depth + 1, seen)) ops.add(op);
    }
  }
  return [...ops].sort();
}

function stripAwait(expr: Expr): Expr {
  return expr.k === 'await' ? expr.expr : expr;
}

function isRequestPart(expr: Expr, requestNames: ReadonlySet<string>, part: string): boolean {
  return expr.k === 'member' && expr.name === part && expr.object.k === 'id' && requestNames.has(expr.object.name);
}

function isBodyCall(expr: Expr, requestNames: ReadonlySet<string>): boolean {
  return expr.k === 'call' && expr.callee.k === 'member' && /^(json|formData|text)$/.test(expr.callee.name) && expr.callee.object.k === 'id' && requestNames.has(expr.callee.object.name);
}

function exprCalleeName(expr: Expr): string {
  return expr.k === 'call' && expr.callee.k === 'member' ? expr.callee.name : 'call';
}
