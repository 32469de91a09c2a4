/**
 * What kind of endpoint a route is, by its path AND by what its code does: credential (sign-in,
 * sign-up, password reset, OTP, token refresh…), expensive (export, upload, bulk, AI call) or
 * webhook intake. Shared by missing-rate-limit, missing-webhook-verification and any rule that
 * needs to know "is this a login" (e.g. sensitive-logging), so they all agree.
 *
 * Each answer carries a reason in words ("its path names a sign-in action (/login)", "its handler
 * compares a password hash (bcrypt.compare)") that messages can quote.
 */
import type { CallSite, FileFacts } from '../../analyzer/model/ir';
import type { Location, Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import { calleeName, calleePackage, callsIn, headerReads, packageOf, routeCode, unitItems, type CodeUnit } from './code-scope';
import { resolveValue, rootName } from './calls';
import { oncePerRun, someFile } from './per-run';

/**
 * Authentication that runs before the handler, on the chain. The handler's own 401 answers are
 * left out on purpose: a sign-in handler that answers 401 on a wrong password, or a webhook that
 * answers 401 on a bad token, is exactly the code these kinds are about.
 */
export function hasChainAuth(route: Route): boolean {
  // Asked several times per route by each kind of evidence; a route never changes after discovery.
  let known = chainAuth.get(route);
  if (known === undefined) chainAuth.set(route, (known = route.chain.some((m) => (m.roles.includes('auth') || m.roles.includes('role-check')) && !LOCAL_STRATEGY.test(m.name))));
  return known;
}

const chainAuth = new WeakMap<Route, boolean>();

/** `passport.authenticate('local')` checks a password: it is the sign-in, not a session guard. */
const LOCAL_STRATEGY = /^passport\.authenticate\('(local|local-\w+|ldapauth)'/;

export type RouteKind = 'credential' | 'expensive' | 'webhook';

export interface KindEvidence {
  kind: RouteKind;
  /** Words for a message, e.g. "its path names a sign-in action (login)". */
  reason: string;
  /** Where the behaviour was seen (a call in the handler), when it was not the path. */
  at: Location | undefined;
  /** 'path' or 'behaviour'. */
  source: 'path' | 'behaviour';
}

/** A path segment folded for matching: lower case, without `-`, `_`, `.` and a file extension. */
export function foldSegment(segment: string): string {
  const lower = segment.toLowerCase();
  // Most segments are plain words: nothing to strip.
  if (!/[-_.]/.test(lower)) return lower;
  return lower.replace(/\.(csv|json|xlsx?|pdf|zip|xml)$/, '').replace(/[-_.]/g, '');
}

/** A segment that is not static: `:param`, `[param]`, `*`, a `(group)`. */
function isParamSegment(s: string): boolean {
  return s.startsWith(':') || s.startsWith('[') || s === '*' || s.startsWith('(');
}

/** A route path read for the kinds: its static segments and those before the first parameter, folded. */
interface PathWords {
  /** The static segments (no `:param`, `[param]`, `*`, `(group)`), folded. */
  folded: readonly string[];
  /** The static segments before the first parameter, folded. */
  beforeParam: readonly string[];
  /** The last segment is a parameter. */
  lastIsParam: boolean;
  /** The first folded segment naming an export, an upload/import/bulk action, an AI action. */
  exportSeg: string | undefined;
  writeSeg: string | undefined;
  aiSeg: string | undefined;
}

const pathWordsCache = new Map<string, PathWords>();

/** The words of a path, read once per path (pure and bounded: every kind asks for every route). */
function pathWords(path: string): PathWords {
  let words = pathWordsCache.get(path);
  if (!words) {
    if (pathWordsCache.size >= 20_000) pathWordsCache.clear();
    // One pass over the segments: the static ones, how many of them come before the first
    // parameter, and whether the last segment is a parameter.
    const folded: string[] = [];
    let beforeParam = -1;
    let last = '';
    for (const s of path.split('/')) {
      if (s === '') continue;
      last = s;
      if (isParamSegment(s)) {
        if (beforeParam < 0) beforeParam = folded.length;
      } else folded.push(foldSegment(s));
    }
    words = {
      folded,
      beforeParam: beforeParam < 0 ? folded : folded.slice(0, beforeParam),
      lastIsParam: /^[:[]/.test(last),
      exportSeg: folded.find((s) => EXPORT_SEGMENT.test(s)),
      writeSeg: folded.find((s) => WRITE_COST_SEGMENT.test(s)),
      aiSeg: folded.find((s) => AI_SEGMENT.test(s)),
    };
    pathWordsCache.set(path, words);
  }
  return words;
}

const CREDENTIAL_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ALL']);

/**
 * Folded segments that name a credential action. One-time codes count even behind a session: a
 * half-signed-in attacker can still guess a 6-digit code. The others count only on a route anyone
 * can call, and only before any path parameter: `POST /users/:id/verify` or `PUT
 * /users/:id/password` acts on a record, it is not a sign-in (a password change that compares the
 * current password is caught by its behaviour). Generic words (`verify`, `token`, `refresh`,
 * `reset`) need an identity word beside them (`/auth/refresh`, `/email/verify`, `/oauth/token`)
 * or to stand alone (`/token`): `/cache/refresh` and `/inventory/reset` are not sign-ins.
 */
const CODE_SEGMENT = /^(otp|sendotp|verifyotp|resendotp|2fa|mfa|totp|twofactor|verifycode|verify2fa|verifymfa)$/;
const ANON_CREDENTIAL_SEGMENT = /^(\w*password\w*|\w*login|loginwith\w*|logon|signin|signup|register|registration|authenticate|forgot|verifyemail|verifyphone|refreshtoken|tokenrefresh|accesstoken|magiclink|passwordless|sessions?)$/;
const GENERIC_CREDENTIAL_SEGMENT = /^(verify|token|refresh|reset|recover|recovery|magic|confirm)$/;
const IDENTITY_SEGMENT = /^(auth|oauth|oauth2|oidc|sso|identity|accounts?|users?|me|email|phone|jwt|sessions?|passwords?|login|signin|mfa|2fa)$/;

/** Password-hash comparisons and sign-in calls, by package and member. */
const PASSWORD_COMPARE: readonly { module: RegExp; member: RegExp; words: string }[] = [
  { module: /^(bcrypt|bcryptjs|bcrypt-nodejs|@node-rs\/bcrypt)$/, member: /^(compare|compareSync)$/, words: 'compares a password hash' },
  { module: /^(argon2|@node-rs\/argon2)$/, member: /^(verify|verifySync)$/, words: 'verifies a password hash' },
  { module: /^passport$/, member: /^authenticate$/, words: 'authenticates with passport' },
  { module: /^(firebase\/auth|@firebase\/auth)$/, member: /^signInWith/, words: 'signs a user in' },
  { module: /^(next-auth|next-auth\/react|@auth\/.*)$/, member: /^signIn$/, words: 'signs a user in' },
];
/** Project methods that by name check a password (`user.comparePassword(pw)`), or sign in. */
const PASSWORD_METHOD = /^(comparePassword|verifyPassword|checkPassword|validatePassword|isValidPassword|isPasswordValid|matchPassword|passwordMatches|correctPassword|authenticateUser|verifyCredentials|checkCredentials|validateCredentials|signInWithPassword|signInWithEmailAndPassword|signInWithOtp|verifyOtp)$/;
/** Body fields that carry a secret the caller proves: a password, a one-time code, a refresh token. */
const SECRET_FIELD = /^(password|passwd|pass|pwd|currentPassword|current_password|oldPassword|old_password|otp|otpCode|totp|mfaCode|twoFactorCode|verificationCode|recoveryCode|refreshToken|refresh_token)$/i;
const CURRENT_SECRET_FIELD = /^(currentPassword|current_password|oldPassword|old_password|otp|otpCode|totp|mfaCode|twoFactorCode|verificationCode|recoveryCode)$/i;
const IDENTITY_FIELD = /^(email|username|userName|login|phone|phoneNumber|mobile)$/i;
/** Token issuing; a sign-in only with an identity field and no session required. */
const TOKEN_ISSUE: readonly { module: RegExp; member: RegExp }[] = [
  { module: /^jsonwebtoken$/, member: /^sign$/ },
  { module: /^jose$/, member: /^SignJWT/ },
  { module: /^@fastify\/jwt$/, member: /^sign$/ },
];

/** The route is a credential endpoint: sign-in, sign-up, reset, OTP, refresh, magic link. */
export function credentialEvidence(ctx: RuleContext, route: Route): KindEvidence | undefined {
  if (CREDENTIAL_METHODS.has(route.method)) {
    const { folded, beforeParam } = pathWords(route.path);
    // A credential word after a parameter acts on a record (`/users/:id/password`, `/users/:id/verify`):
    // an account-management action, not a sign-in flow.
    const generic = (s: string) => GENERIC_CREDENTIAL_SEGMENT.test(s) && (beforeParam.length === 1 || beforeParam.some((o) => o !== s && IDENTITY_SEGMENT.test(o)));
    // Behind a session, a code segment counts where a code is checked (`/2fa`, `/2fa/verify`), not
    // where 2FA is switched on or off (`/2fa/totp/setup`, `/2fa/email/remove`).
    const last = folded[folded.length - 1] ?? '';
    const codeChecked = !hasChainAuth(route) || CODE_SEGMENT.test(last) || /^(verify|confirm|validate|check|challenge|code|login|signin)$/.test(last);
    const seg = (codeChecked ? folded.find((s) => CODE_SEGMENT.test(s)) : undefined) ?? (hasChainAuth(route) ? undefined : beforeParam.find((s) => ANON_CREDENTIAL_SEGMENT.test(s) || generic(s)));
    if (seg) return { kind: 'credential', reason: `its path names a credential action (${seg})`, at: undefined, source: 'path' };
  }
  // passport.authenticate('local') on the chain is a password check, whatever the path.
  const local = route.chain.find((m) => LOCAL_STRATEGY.test(m.name));
  if (local) return { kind: 'credential', reason: `it checks a password with ${local.name}`, at: local.at, source: 'behaviour' };
  // Credentials are sent in bodies: a GET that compares a password is not worth reading every handler for.
  if (!CREDENTIAL_METHODS.has(route.method)) return undefined;
  const units = routeCode(ctx, route);
  let tokenIssue: KindEvidence | undefined;
  // Plain loops over the units (not the callsIn generator): this runs for every write route.
  for (const unit of units) for (const call of unitItems(unit, 'calls')) {
    const what = credentialCall(unit.facts, call);
    if (!what) continue;
    if (what.compares) return { kind: 'credential', reason: `its handler ${what.compares}`, at: { file: unit.file, span: call.expr.span }, source: 'behaviour' };
    if (!tokenIssue && what.issues) tokenIssue = { kind: 'credential', reason: `its handler issues a token (${what.issues}) to anyone who names an account`, at: { file: unit.file, span: call.expr.span }, source: 'behaviour' };
    if (what.checks) return { kind: 'credential', reason: `its handler checks credentials (${what.checks})`, at: { file: unit.file, span: call.expr.span }, source: 'behaviour' };
  }
  // What discovery read in the handler and the project functions it calls (the same facts that
  // make missing-auth treat the route as a sign-in): a password compared, a session started, or a
  // password hashed and a token issued in one go (a sign-up that signs the user in; hashing alone
  // is what an admin "create user" endpoint does).
  const ops = route.handlerFacts.credentialOps ?? [];
  if (ops.includes('password-compare')) return { kind: 'credential', reason: 'its handler compares a password hash', at: route.handler, source: 'behaviour' };
  if (ops.includes('session-login')) return { kind: 'credential', reason: 'its handler starts a session (req.login)', at: route.handler, source: 'behaviour' };
  if (ops.includes('password-hash') && ops.includes('token-sign') && !hasChainAuth(route)) return { kind: 'credential', reason: 'its handler hashes a new password and signs the user in (a sign-up)', at: route.handler, source: 'behaviour' };
  if (CREDENTIAL_METHODS.has(route.method)) {
    const fields = route.handlerFacts.bodyFields;
    // A current password or a one-time code is always something to guess. A plain `password` is a
    // sign-in or sign-up only on an open route that acts on no record: behind a session, or on
    // `/users/:id/password`, it is being set, not proven.
    const actsOnRecord = pathWords(route.path).beforeParam.length < pathWords(route.path).folded.length;
    const secret = fields.find((f) => CURRENT_SECRET_FIELD.test(f)) ?? (hasChainAuth(route) || actsOnRecord ? undefined : fields.find((f) => SECRET_FIELD.test(f)));
    if (secret) return { kind: 'credential', reason: `its handler reads the ${secret} field from the body`, at: undefined, source: 'behaviour' };
    // Issuing a token is a sign-in when the caller names who they are (`{ email }`), not when an
    // id arrives from elsewhere (`/impersonate` with `{ userId }` is an authorization problem).
    if (tokenIssue && !hasChainAuth(route) && fields.some((f) => IDENTITY_FIELD.test(f))) return tokenIssue;
  }
  return undefined;
}

/** What one call does for credentialEvidence, in words: compares a password, issues a token, checks credentials by name. */
interface CredentialCall {
  compares: string | undefined;
  issues: string | undefined;
  checks: string | undefined;
}

// Per call site (of one facts object): a middleware's or helper's calls are read for every route
// that runs them, and the answer depends on the call and its file's imports only.
const credentialCalls = new WeakMap<CallSite, CredentialCall | null>();

function credentialCall(facts: FileFacts, call: CallSite): CredentialCall | undefined {
  let known = credentialCalls.get(call);
  if (known === undefined) {
    const name = calleeName(call.expr);
    const pkg = calleePackage(facts, call);
    let compares: string | undefined;
    let issues: string | undefined;
    if (pkg) {
      const member = pkg.path.join('.');
      const hit = PASSWORD_COMPARE.find((p) => p.module.test(pkg.module) && p.member.test(member));
      if (hit && !(pkg.module === 'passport' && !isLocalStrategy(call.expr.args[0]))) compares = `${hit.words} (${describeCall(pkg.module, member)})`;
      if (TOKEN_ISSUE.some((t) => t.module.test(pkg.module) && t.member.test(member))) issues = describeCall(pkg.module, member);
    }
    const checks = PASSWORD_METHOD.test(name) ? name : undefined;
    known = compares !== undefined || issues !== undefined || checks !== undefined ? { compares, issues, checks } : null;
    credentialCalls.set(call, known);
  }
  return known ?? undefined;
}

function isLocalStrategy(arg: { k: string; value?: unknown } | undefined): boolean {
  return arg?.k === 'str' && typeof arg.value === 'string' && /^local/.test(arg.value);
}

function describeCall(module: string, member: string): string {
  const base = module.replace(/^@[^/]+\//, '').replace(/[^\w$]+(\w)/g, (_m, c: string) => c.toUpperCase());
  return member ? `${base}.${member}` : base;
}

/** Folded segments of expensive actions, by method class. */
const EXPORT_SEGMENT = /^(exports?|export\w+|\w+export|download(all|csv|report)|report(s)?csv)$/;
const WRITE_COST_SEGMENT = /^(uploads?|upload\w+|\w+upload|imports?|\w+import|import(csv|xlsx|json|data|file|users|contacts|products)\w*|bulk\w*|\w+bulk|batch\w*|\w+batch)$/;
const AI_SEGMENT = /^(ai|llm|gpt|completions?|chatcompletions?|embeddings?|summari[sz]e|transcribe|transcriptions?)$/;
/** AI and LLM SDKs: any call through them costs money per request. */
const AI_MODULE = /^(openai|@anthropic-ai\/sdk|@google\/generative-ai|@google\/genai|@google-cloud\/vertexai|cohere-ai|@mistralai\/mistralai|groq-sdk|replicate|ollama|together-ai|@huggingface\/inference|ai|@ai-sdk\/.+|langchain|@langchain\/.+|llamaindex)$/;
const AI_CALL = /^(create|generateText|streamText|generateObject|streamObject|embed|embedMany|generateContent|generateContentStream|sendMessage|invoke|stream|chat|complete|completions|run|predict)$/;

/** The route is expensive to serve: export, upload, bulk or batch, import, an AI/LLM call. */
export function expensiveEvidence(ctx: RuleContext, route: Route): KindEvidence | undefined {
  const { lastIsParam, exportSeg, writeSeg, aiSeg } = pathWords(route.path);
  if (exportSeg && route.method !== 'DELETE' && !(lastIsParam && /^exports$/.test(exportSeg))) return { kind: 'expensive', reason: `its path names an export (${exportSeg})`, at: undefined, source: 'path' };
  if (writeSeg && CREDENTIAL_METHODS.has(route.method)) return { kind: 'expensive', reason: `its path names an upload, import or bulk action (${writeSeg})`, at: undefined, source: 'path' };
  if (aiSeg && CREDENTIAL_METHODS.has(route.method)) return { kind: 'expensive', reason: `its path names an AI action (${aiSeg})`, at: undefined, source: 'path' };
  // An upload parser (multer) on the chain, or the handler reads uploaded files.
  const upload = route.chain.find((m) => m.roles.includes('body-limit') && /\.(single|array|fields|any|none)\(/.test(m.name));
  if (upload) return { kind: 'expensive', reason: `it accepts file uploads (${upload.name})`, at: upload.at, source: 'behaviour' };
  const ai = projectUsesAi(ctx) ? aiCall(ctx, routeCode(ctx, route)) : undefined;
  if (ai) return { kind: 'expensive', reason: `its handler calls an AI model (${ai.what})`, at: ai.at, source: 'behaviour' };
  return undefined;
}

/** Some file imports an AI SDK (so projects without one skip the handler scan). */
const projectUsesAi = someFile((facts) => facts.imports.some((i) => AI_MODULE.test(i.source)));

/** A call through an AI SDK, directly or through a project module that wraps one (`lib/openai.ts`). */
function aiCall(ctx: RuleContext, units: readonly CodeUnit[]): { what: string; at: Location } | undefined {
  for (const { unit, call } of callsIn(units)) {
    const name = calleeName(call.expr);
    const pkg = calleePackage(unit.facts, call);
    // Only calls that run a model: `new MongoDBSaver()` from a langchain package or `openai.models.list()` do not.
    if (pkg && AI_MODULE.test(pkg.module) && AI_CALL.test(name)) {
      return { what: describeCall(pkg.module, pkg.path.join('.')), at: { file: unit.file, span: call.expr.span } };
    }
    if (pkg || !AI_CALL.test(name) || call.expr.callee.k !== 'member') continue;
    // `openai.chat.completions.create()` where `openai` is the project's own client module's export.
    const root = rootName(call.expr.callee);
    if (!root) continue;
    const client = resolveValue(ctx, unit.file, { k: 'id', name: root, span: call.expr.span }, call.fn);
    const made = client.expr.k === 'call' ? packageOf(client.facts, client.expr.callee, client.fn) : undefined;
    if (made && AI_MODULE.test(made.module)) return { what: `${root}.….${name} (${made.module})`, at: { file: unit.file, span: call.expr.span } };
  }
  return undefined;
}

const WEBHOOK_METHODS = new Set(['POST', 'PUT', 'ALL']);
/** Providers whose name alone, as the route's last segment, marks a webhook intake (`POST /stripe`). */
const PROVIDER_SEGMENT = /^(stripe|github|gitlab|bitbucket|slack|twilio|svix|clerk|paddle|shopify|sendgrid|mailgun|postmark|lemonsqueezy|paypal|razorpay|plaid|resend|intercom|zoom|discord|telegram|whatsapp|calendly|hubspot|square|coinbase|docusign|typeform|vercel|netlify|linear|sentry)$/;
const MANAGEMENT_SEGMENT = /^(admin|admins|settings|config|manage|management|dashboard|subscriptions|projects|repos|repositories|endpoints|orgs|organizations|teams|accounts)$/;
/** Signature and event headers providers send with webhooks. */
export const WEBHOOK_HEADER = /^(stripe-signature|x-hub-signature(-256)?|x-github-event|x-github-delivery|x-gitlab-token|x-gitlab-event|x-slack-signature|x-slack-request-timestamp|svix-id|svix-signature|svix-timestamp|webhook-id|webhook-signature|webhook-timestamp|x-twilio-signature|x-shopify-hmac-sha256|x-shopify-topic|paddle-signature|x-paypal-transmission-sig|x-razorpay-signature|x-signature|x-webhook-signature|x-hook-signature|x-mailgun-signature|x-postmark-signature|x-zm-signature|x-linear-signature|x-vercel-signature|x-line-signature|x-telegram-bot-api-secret-token|x-hub-signature)$/;
/** `event.type` values providers send: `checkout.session.completed`, `invoice.paid`, `customer.subscription.updated`. */
const EVENT_TYPE = /^[a-z_]+(\.[a-z_]+)+$/;

/** The route receives webhooks: by its path, the provider headers it reads, or the event types it switches on. */
export function webhookEvidence(ctx: RuleContext, route: Route): KindEvidence | undefined {
  // Providers deliver with POST (PUT or any method for `all`); a GET is at most a subscription challenge.
  if (!WEBHOOK_METHODS.has(route.method)) return undefined;
  return webhookEvidenceOnce(ctx, route);
}

// missing-rate-limit and missing-webhook-verification both ask, in the same run: answered once.
const webhookEvidenceOnce = oncePerRun((ctx: RuleContext, route: Route) => readWebhookEvidence(ctx, route));

function readWebhookEvidence(ctx: RuleContext, route: Route): KindEvidence | undefined {
  const units = routeCode(ctx, route);
  const header = headerReads(units).find((h) => WEBHOOK_HEADER.test(h.name));
  if (header) return { kind: 'webhook', reason: `its handler reads the ${header.name} header`, at: header.at, source: 'behaviour' };
  // A route that requires a user session is not called by a provider.
  if (hasChainAuth(route)) return undefined;
  const segments = pathWords(route.path).folded;
  // `/admin/webhooks`, `/settings/webhooks`: managing webhook subscriptions, not receiving them.
  if (segments.some((s) => MANAGEMENT_SEGMENT.test(s))) return undefined;
  const hookSeg = segments.find((s) => /webhook/.test(s) || s === 'hooks' || s === 'hook');
  if (hookSeg) return { kind: 'webhook', reason: `its path names a webhook (${hookSeg})`, at: undefined, source: 'path' };
  const last = segments[segments.length - 1];
  if (last && (PROVIDER_SEGMENT.test(last) || (/^(events?|notify|ipn|notifications)$/.test(last) && segments.length > 1 && PROVIDER_SEGMENT.test(segments[segments.length - 2]!)))) {
    return { kind: 'webhook', reason: `its path names a webhook provider (${segments.slice(-2).join('/')})`, at: undefined, source: 'path' };
  }
  const eventType = eventTypeSwitch(units);
  if (eventType) return { kind: 'webhook', reason: `its handler dispatches on provider event types ('${eventType.value}')`, at: eventType.at, source: 'behaviour' };
  return undefined;
}

/** `switch (event.type) { case 'invoice.paid': … }` or `if (event.type === 'checkout.session.completed')`. */
function eventTypeSwitch(units: readonly CodeUnit[]): { value: string; at: Location } | undefined {
  for (const unit of units) for (const sw of unitItems(unit, 'switches')) {
    if (sw.discriminant.k !== 'member' || !/^(type|event|eventType|event_type|topic)$/.test(sw.discriminant.name)) continue;
    const labels = sw.clauses.flatMap((c) => c.labels).filter((l): l is Extract<typeof l, { k: 'str' }> => l.k === 'str');
    const hit = labels.filter((l) => EVENT_TYPE.test(l.value));
    if (hit.length >= 1 && hit.length * 2 >= labels.length) return { value: hit[0]!.value, at: { file: unit.file, span: sw.span } };
  }
  for (const unit of units) for (const guard of unitItems(unit, 'guards')) {
    const t = guard.test;
    if (t.k !== 'bin' || !/^(===|==)$/.test(t.op)) continue;
    const [member, literal] = t.left.k === 'member' ? [t.left, t.right] : [t.right, t.left];
    if (member.k === 'member' && /^(type|eventType|event_type)$/.test(member.name) && literal.k === 'str' && EVENT_TYPE.test(literal.value)) return { value: literal.value, at: { file: unit.file, span: guard.span } };
  }
  return undefined;
}

/** The strongest kind a route has, credential first (it decides severity), then webhook, then expensive. */
export function abuseSensitiveKind(ctx: RuleContext, route: Route): KindEvidence | undefined {
  return credentialEvidence(ctx, route) ?? webhookEvidence(ctx, route) ?? expensiveEvidence(ctx, route);
}
