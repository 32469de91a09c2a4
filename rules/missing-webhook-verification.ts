import type { Expr } from '../analyzer/model/ir';
import type { Location, Route } from '../analyzer/model/route-model';
import { defineRule } from './utils/define-rule';
import { calleeName, calleePackage, callsIn, exprWordsOf, guardsIn, headerReads, isFollowedCall, routeCode, unitItems, type CodeUnit } from './utils/code-scope';
import { webhookEvidence, type KindEvidence } from './utils/route-kinds';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  evidence: KindEvidence;
  /** 'missing': nothing checks a signature; 'naive': a signature is compared with `===`. */
  problem: 'missing' | 'naive';
  /** The naive comparison, for 'naive'. */
  comparison: { op: string; at: Location } | undefined;
  provider: Provider | undefined;
}

type Provider = 'stripe' | 'github' | 'slack' | 'twilio' | 'svix' | 'shopify';

/** Library calls that verify a webhook signature: package + member path (joined with '.'). */
const VERIFY_CALLS: readonly { module: RegExp; member: RegExp }[] = [
  { module: /^stripe$/, member: /(^|\.)(constructEvent|constructEventAsync|verifyHeader)$/ },
  { module: /^svix$|^standardwebhooks$/, member: /(^|\.)verify$/ },
  { module: /^@octokit\/webhooks(-methods)?$/, member: /(^|\.)(verify|verifyAndReceive|receive|createNodeMiddleware)$/ },
  { module: /^twilio$/, member: /(^|\.)(validateRequest|validateRequestWithBody|validateExpressRequest|webhook)$/ },
  { module: /^@slack\/(bolt|events-api|interactive-messages)$/, member: /(^|\.)(verifySlackRequest|isValidSlackRequest|createEventAdapter|createMessageAdapter|expressMiddleware|requestListener)$/ },
  { module: /^@shopify\/shopify-api$/, member: /(^|\.)(validate|process)$/ },
  { module: /^@paddle\/paddle-node-sdk$/, member: /(^|\.)unmarshal$/ },
  { module: /^@clerk\/(backend|express|nextjs)(\/webhooks)?$/, member: /(^|\.)verifyWebhook$/ },
  { module: /^(node:)?crypto$/, member: /(^|\.)timingSafeEqual$/ },
  // Constant-time comparison packages.
  { module: /^(tsscmp|secure-compare|scmp|safe-compare|timing-safe-equal|buffer-equal-constant-time)$/, member: /.*/ },
];

/** Project helpers and middleware named for what they do, when their code is out of sight. */
const VERIFY_NAME = /^(verify|validate|check|isValid|assert)\w*(Signature|Webhook|Hmac|Hook|Request|Sig)\w*$|^(webhook|signature|hmac)\w*(Verif|Valid|Guard|Auth|Check)\w*$/i;

const CONSTANT_TIME_NAME = /^(safe|secure|constantTime|timingSafe|timeSafe)(Equal|Equals|Compare|Eq)$/i;

/** Operands that make a `===` a signature comparison. */
const SIGNATURE_WORD = /signature|^sig$|digest|hmac|expected|computed|calculated|^hash$|secret|^token$/;

export default defineRule<State>({
  id: 'missing-webhook-verification',
  incremental: true,
  meta: {
    summary: 'A webhook endpoint trusts its payload without verifying the provider signature in constant time.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-345', 'CWE-347', 'CWE-208'],
    owaspApi: ['API2:2023', 'API10:2023'],
    fix: 'none',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      const evidence = webhookEvidence(ctx, route);
      if (!evidence) continue;
      const units = routeCode(ctx, route);
      if (verifiesSignature(route, units)) continue;
      const comparison = naiveComparison(units);
      yield { route, evidence, problem: comparison ? 'naive' : 'missing', comparison, provider: providerOf(route, units) };
    }
  },

  report({ route, evidence, problem, comparison, provider }) {
    const related = comparison
      ? [{ message: `signature compared with ${comparison.op} here`, location: comparison.at }]
      : evidence.at
        ? [{ message: 'webhook payload read here', location: evidence.at }]
        : [];
    const message =
      problem === 'naive'
        ? `${route.method} ${route.path} receives webhooks (${evidence.reason}) and checks the signature with ${comparison!.op}: a plain comparison stops at the first differing byte, so response times let an attacker forge a valid signature byte by byte. Compare the HMAC of the raw body with crypto.timingSafeEqual on equal-length buffers, or use ${HOW[provider ?? 'generic']}.`
        : `${route.method} ${route.path} receives webhooks (${evidence.reason}) but neither its handler nor its middleware verifies the provider's signature: anyone who learns the URL can post forged events. Verify the signature on the raw body before trusting the payload with ${HOW[provider ?? 'generic']}.`;
    return { message, location: route.registration, routeKey: route.key, related: [...related, ...route.mounts.map((m) => ({ message: 'router mounted here', location: m }))] };
  },
});

const HOW: Record<Provider | 'generic', string> = {
  stripe: "stripe.webhooks.constructEvent(rawBody, req.headers['stripe-signature'], endpointSecret)",
  github: "@octokit/webhooks (webhooks.verify(rawBody, req.headers['x-hub-signature-256']))",
  slack: "@slack/bolt's request verification (verifySlackRequest)",
  twilio: 'twilio.validateRequest (or the twilio.webhook() middleware)',
  svix: 'svix: new Webhook(secret).verify(rawBody, headers)',
  shopify: 'an HMAC-SHA256 of the raw body compared with crypto.timingSafeEqual against x-shopify-hmac-sha256',
  generic: "the provider's SDK, or an HMAC-SHA256 of the raw body compared with crypto.timingSafeEqual",
};

/** A verifying library call, constant-time comparison, or a verification helper/middleware out of sight. */
function verifiesSignature(route: Route, units: readonly CodeUnit[]): boolean {
  for (const { unit, call } of callsIn(units)) {
    const name = calleeName(call.expr);
    if (/^(constructEvent|constructEventAsync|timingSafeEqual)$/.test(name)) return true;
    // A constant-time comparison helper whose body is out of sight (`safeEqual(expected, sig)`).
    if (CONSTANT_TIME_NAME.test(name) && !isFollowedCall(units, unit, call)) return true;
    const pkg = calleePackage(unit.facts, call);
    if (pkg && VERIFY_CALLS.some((v) => v.module.test(pkg.module) && v.member.test(pkg.path.join('.')))) return true;
    // A helper named for verification whose body is not part of the route's code (a package, DI).
    if (VERIFY_NAME.test(name) && !isFollowedCall(units, unit, call)) return true;
  }
  for (const mw of route.chain) {
    const bare = mw.name.replace(/\(.*$/s, '').split('.').pop() ?? '';
    if (mw.definition) continue;
    if (VERIFY_NAME.test(bare) || /^(createNodeMiddleware|webhook)$/.test(bare) || /^twilio\.webhook/.test(mw.name)) return true;
  }
  return false;
}

/** `if (signature !== expected)`, `return digest === header`: a signature compared with (in)equality. */
function naiveComparison(units: readonly CodeUnit[]): { op: string; at: Location } | undefined {
  const check = (unit: CodeUnit, expr: Expr | undefined): { op: string; at: Location } | undefined => {
    const bin = findComparison(expr, 0);
    return bin ? { op: bin.op, at: { file: unit.file, span: bin.span } } : undefined;
  };
  for (const { unit, guard } of guardsIn(units)) {
    const hit = check(unit, guard.test);
    if (hit) return hit;
  }
  for (const unit of units) {
    for (const ret of unitItems(unit, 'returns')) if (ret.expr) {
      const hit = check(unit, ret.expr);
      if (hit) return hit;
    }
    for (const decl of unitItems(unit, 'decls')) if (decl.init) {
      const hit = check(unit, decl.init);
      if (hit) return hit;
    }
  }
  return undefined;
}

function findComparison(expr: Expr | undefined, depth: number): Extract<Expr, { k: 'bin' }> | undefined {
  if (!expr || depth > 8) return undefined;
  if (expr.k === 'bin') {
    // One side named like a signature, the other not a literal: `expected === header`, `sig !== digest`.
    if (/^(===|==|!==|!=)$/.test(expr.op) && isValue(expr.left) && isValue(expr.right) && (isSignatureOperand(expr.left) || isSignatureOperand(expr.right))) return expr;
    return findComparison(expr.left, depth + 1) ?? findComparison(expr.right, depth + 1);
  }
  if (expr.k === 'unary' || expr.k === 'await') return findComparison(expr.expr, depth + 1);
  return undefined;
}

/** Not a literal and not `undefined`: something computed or received. */
function isValue(expr: Expr): boolean {
  if (expr.k === 'str' || expr.k === 'num' || expr.k === 'null' || expr.k === 'undefined' || expr.k === 'bool') return false;
  return !(expr.k === 'id' && expr.name === 'undefined');
}

/** An operand named like a signature or digest. */
function isSignatureOperand(expr: Expr): boolean {
  const words = exprWordsOf(expr);
  return words.some((w) => SIGNATURE_WORD.test(w) || /signature|hmac|digest/.test(w));
}

function providerOf(route: Route, units: readonly CodeUnit[]): Provider | undefined {
  const headers = headerReads(units).map((h) => h.name);
  const text = `${route.path.toLowerCase()} ${headers.join(' ')}`;
  if (/stripe/.test(text)) return 'stripe';
  if (/github|x-hub-signature/.test(text)) return 'github';
  if (/slack/.test(text)) return 'slack';
  if (/twilio/.test(text)) return 'twilio';
  if (/svix|clerk|resend/.test(text)) return 'svix';
  if (/shopify/.test(text)) return 'shopify';
  return undefined;
}
