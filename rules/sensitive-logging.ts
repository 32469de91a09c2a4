import type { CallSite, Expr, FileFacts, FnId, Span } from '../analyzer/model/ir';
import { TOP_LEVEL } from '../analyzer/model/ir';
import type { TextEdit } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import { asLogCall, type LogCall } from './utils/loggers';
import { removePropEdit } from './utils/object-edits';
import { sensitiveNameKind, splitWords } from './utils/secret-heuristics';
import { flowLeaves, type FlowLeaf } from './utils/value-flow';
import { filesToScan } from './utils/scope';
import { routesHandledIn, routesUsingMiddlewareFrom } from './utils/route-lookup';
import { compareRoutes } from '../analyzer/model/route-index';

type LeakKind = 'secret' | 'auth-header' | 'card' | 'pii' | 'request' | 'headers' | 'cookies' | 'body';

interface Leak {
  kind: LeakKind;
  /** How the value reads in code: `req.body.password`, `token`, `req.headers`. */
  label: string;
  leaf: FlowLeaf;
  /** The request object's name, for the whole-request replacement fix. */
  requestName?: string;
}

interface State {
  file: string;
  facts: FileFacts;
  site: CallSite;
  log: LogCall;
  leaks: Leak[];
  /** The route whose handler makes the call; undefined in middleware or helpers. */
  route: Route | undefined;
  /** How many routes run the call (a global middleware runs for many). */
  routeCount: number;
}

const DESCRIBE: Record<LeakKind, string> = {
  secret: 'a credential',
  'auth-header': 'an authorization or cookie header',
  card: 'payment card data',
  pii: 'personal data',
  request: 'the whole request object (headers with credentials and cookies, and the body)',
  headers: 'all request headers (including Authorization and Cookie)',
  cookies: 'all request cookies (session identifiers)',
  body: 'the whole request body of a sign-in or payment route',
};

/** Calls whose result hides their argument: `redact(x)`, `mask(token)`, `hash(pw)`, `token.slice(0, 6)`. */
const REDACTION = /^(redact\w*|mask\w*|hash\w*|sanitiz\w*|sanitis\w*|scrub\w*|censor\w*|obfuscat\w*|omit|pick|strip\w*|anonymi[sz]e\w*|truncat\w*|encrypt\w*|digest|fingerprint\w*|sha\d*|md5|bcrypt|safe\w*|slice|substring|substr|replace|replaceAll|keys|has)$/i;

/** Path words of sign-in, credential and payment endpoints, where a whole body holds a secret. */
const AUTH_OR_PAYMENT_SEGMENT = /^(login|logon|signin|signup|register|registration|auth|authenticate|authentication|password|passwords|passwd|reset|resetpassword|forgot|forgotpassword|changepassword|token|tokens|refresh|refreshtoken|session|sessions|otp|2fa|mfa|totp|verify|payment|payments|pay|checkout|billing|card|cards|charge|charges|subscribe|subscription|subscriptions|stripe|wallet|bank|banking|transfer|transfers|payout|payouts)$/;

export default defineRule<State>({
  id: 'sensitive-logging',
  incremental: true,
  meta: {
    summary: 'A log call writes passwords, tokens, API keys, auth headers, whole requests or personal data.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-532', 'CWE-359'],
    owaspApi: ['API3:2023', 'API8:2023'],
    fix: 'safe',
  },

  *detect(ctx) {
    for (const file of filesToScan(ctx)) {
      const facts = ctx.files.get(file)!;
      for (const site of facts.calls) {
        const log = asLogCall(facts, site, ctx.config);
        if (!log || log.args.length === 0) continue;
        // What the routes running the call tell is read only when a leaf needs it (most log calls
        // write an id or a message).
        let routes: Route[] | undefined;
        const routesOf = (): Route[] => (routes ??= routesRunning(ctx, file, facts, site.fn));
        let requestNames: Set<string> | undefined;
        let bodyIsSensitive: boolean | undefined;
        const about: CallContext = {
          requestNames: () => (requestNames ??= requestNamesOf(file, facts, site.fn, routesOf())),
          bodyIsSensitive: () => (bodyIsSensitive ??= routesOf().some(isAuthOrPaymentRoute)),
        };
        const leaks: Leak[] = [];
        for (const arg of log.args) {
          for (const leaf of flowLeaves(facts, site.fn, arg, { isBarrier: isRedaction })) {
            const leak = classify(leaf, about);
            if (leak && !leaks.some((l) => l.label === leak.label && sameSpan(l.leaf.entry, leak.leaf.entry))) leaks.push(leak);
          }
        }
        if (leaks.length === 0) continue;
        routes = routesOf();
        const handled = routes.filter((r) => r.handlerFn?.file === file && isWithin(facts, site.fn, r.handlerFn.fn));
        yield { file, facts, site, log, leaks, route: handled.length === 1 ? handled[0] : undefined, routeCount: routes.length };
      }
    }
  },

  report({ file, site, log, leaks, route, routeCount }) {
    const kinds = [...new Set(leaks.map((l) => l.kind))];
    const labels = [...new Set(leaks.map((l) => `\`${l.label}\``))];
    const shown = labels.slice(0, 3).join(', ') + (labels.length > 3 ? ` and ${labels.length - 3} more` : '');
    const where = route ? `in ${route.method} ${route.path}` : routeCount > 1 ? `in ${file} (run for ${routeCount} routes)` : `in ${file}`;
    const what = kinds.map((k) => DESCRIBE[k]).join(', ');
    const related = leaks
      .filter((l) => !within(site.expr.span, l.leaf.expr.span))
      .slice(0, 3)
      .map((l) => ({ message: `\`${l.label}\` is read here and reaches the log`, location: { file, span: l.leaf.expr.span } }));
    return {
      message: `${log.name} ${where} writes ${what} to the log (${shown}): logs reach many more people and systems than the data itself (aggregators, support, backups) and keep it long after a password or token is rotated. Log an identifier instead, or redact the field.`,
      location: { file, span: leaks[0]!.leaf.entry },
      severity: kinds.every((k) => k === 'pii') ? 'medium' : 'high',
      routeKey: route?.key,
      related,
    };
  },

  fix({ file, site, leaks }, ctx) {
    const text = ctx.getText(file);
    if (!text) return undefined;
    const edits: TextEdit[] = [];
    const done = new Set<string>();
    for (const leak of leaks) {
      const edit = fixLeak(text, file, site, leak);
      if (!edit) return undefined;
      const key = `${edit.start}:${edit.end}`;
      if (done.has(key)) continue;
      done.add(key);
      edits.push(edit);
    }
    // Nested edits (a field inside a field already dropped) would conflict: keep the outer one.
    const kept = edits.filter((e) => !edits.some((o) => o !== e && o.start <= e.start && e.end <= o.end && (o.start !== e.start || o.end !== e.end)));
    return { title: 'Keep the sensitive values out of the log', kind: 'safe', edits: kept };
  },
});

function isRedaction(call: Extract<Expr, { k: 'call' }>): boolean {
  const c = call.callee;
  const name = c.k === 'id' ? c.name : c.k === 'member' ? c.name : undefined;
  return name !== undefined && REDACTION.test(name);
}

const LITERALISH = new Set(['str', 'num', 'bool', 'null', 'undefined', 'regex', 'fn', 'unary', 'other']);

/** What classifying a log call's leaves may need to know about the routes running it (read on demand). */
interface CallContext {
  requestNames(): ReadonlySet<string>;
  bodyIsSensitive(): boolean;
}

function classify(leaf: FlowLeaf, about: CallContext): Leak | undefined {
  if (leaf.access) {
    const { root, path } = leaf.access;
    const label = [root, ...path].join('.');
    if (about.requestNames().has(root)) {
      const [first, second] = path;
      if (path.length === 0) return { kind: 'request', label, leaf, requestName: root };
      if (first === 'headers' || first === 'rawHeaders') {
        if (path.length === 1) return { kind: 'headers', label, leaf };
        const kind = sensitiveNameKind(second!);
        return kind && path.length === 2 ? { kind: kind === 'pii' || kind === 'card' ? kind : 'auth-header', label, leaf } : undefined;
      }
      if (first === 'cookies' || first === 'signedCookies') {
        if (path.length === 1) return { kind: 'cookies', label, leaf };
        if (path.length === 2 && (/sess|sid|token|auth|jwt|remember/i.test(second!) || sensitiveNameKind(second!))) return { kind: 'auth-header', label, leaf };
        return undefined;
      }
      if (path.length === 1 && first === 'body') return about.bodyIsSensitive() ? { kind: 'body', label, leaf } : undefined;
    }
    const last = path.length > 0 ? path[path.length - 1]! : root;
    const kind = sensitiveNameKind(last);
    if (kind) return { kind, label, leaf };
  }
  if (LITERALISH.has(leaf.expr.k)) return undefined;
  if (!leaf.access && leaf.pending.length > 0) {
    const last = leaf.pending[leaf.pending.length - 1]!;
    const kind = sensitiveNameKind(last);
    return kind ? { kind, label: [...leaf.locals.slice(-1), ...leaf.pending].join('.'), leaf } : undefined;
  }
  const local = leaf.locals[leaf.locals.length - 1];
  const localKind = local ? sensitiveNameKind(local) : undefined;
  if (local && localKind && !leaf.access) return { kind: localKind, label: local, leaf };
  const key = leaf.keys[leaf.keys.length - 1];
  const keyKind = key ? sensitiveNameKind(key) : undefined;
  // `{ token: issueToken(user) }`: the field name says what the value is.
  if (key && keyKind && !leaf.access) return { kind: keyKind, label: key, leaf };
  return undefined;
}

/** The routes whose handler is, or whose chain runs, the function holding the call (or one enclosing it). */
function routesRunning(ctx: RuleContext, file: string, facts: FileFacts, fn: FnId): Route[] {
  const index = entriesIn(ctx, file);
  const found = new Set<Route>();
  for (let cur = fn, i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    const f = facts.functions[cur];
    if (!f) break;
    for (const r of index.byHandler.get(cur) ?? []) found.add(r);
    for (const r of index.byMiddleware.get(`${f.span.start}:${f.span.end}`) ?? []) found.add(r);
    cur = f.parent;
  }
  // In model order (the first one names the route in messages).
  return [...found].sort(compareRoutes);
}

/** One file's route entry points: handler functions, and middleware by their definition's span. */
interface FileEntries {
  byHandler: Map<FnId, Route[]>;
  byMiddleware: Map<string, Route[]>;
}

/** Per run and file (the context is per run), from the model's route index: no pass over every route. */
const entriesByRun = new WeakMap<object, Map<string, FileEntries>>();

function entriesIn(ctx: RuleContext, file: string): FileEntries {
  let byFile = entriesByRun.get(ctx.model);
  if (!byFile) entriesByRun.set(ctx.model, (byFile = new Map()));
  let entries = byFile.get(file);
  if (entries) return entries;
  entries = { byHandler: new Map(), byMiddleware: new Map() };
  const push = <K>(map: Map<K, Route[]>, key: K, route: Route) => {
    const list = map.get(key);
    if (!list) map.set(key, [route]);
    else if (list[list.length - 1] !== route) list.push(route);
  };
  for (const r of routesHandledIn(ctx, file)) push(entries.byHandler, r.handlerFn!.fn, r);
  for (const r of routesUsingMiddlewareFrom(ctx, file)) {
    for (const m of r.chain) if (m.definition?.file === file) push(entries.byMiddleware, `${m.definition.span.start}:${m.definition.span.end}`, r);
  }
  byFile.set(file, entries);
  return entries;
}

/**
 * The names of the HTTP request: the first parameter of the route handler or middleware enclosing
 * the call (not of any enclosing callback: `(err) => console.error(err)` inside a handler logs an
 * error), `req` by convention, and `request` when it sits beside a response parameter
 * (`(request, reply)`) — a WebSocket message named `request` is not an HTTP request.
 */
function requestNamesOf(file: string, facts: FileFacts, fn: FnId, routes: readonly Route[]): Set<string> {
  const names = new Set(['req']);
  for (let cur = fn, i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    const f = facts.functions[cur];
    if (!f) break;
    const params = f.params.map((p) => p.name);
    if (params.includes('request') && params.some((p) => p !== undefined && /^(res|reply|response|rep|h|next|ctx)$/.test(p))) names.add('request');
    const isEntry = routes.some(
      (r) => (r.handlerFn?.file === file && r.handlerFn.fn === cur) || r.chain.some((m) => m.definition?.file === file && m.definition.span.start === f.span.start && m.definition.span.end === f.span.end),
    );
    const first = f.params[0]?.name;
    if (isEntry && first) names.add(first);
    cur = f.parent;
  }
  return names;
}

function isAuthOrPaymentRoute(route: Route): boolean {
  // A route is never changed after discovery: its answer is kept with it.
  let known = authOrPaymentRoutes.get(route);
  if (known === undefined) authOrPaymentRoutes.set(route, (known = readAuthOrPaymentRoute(route)));
  return known;
}

const authOrPaymentRoutes = new WeakMap<Route, boolean>();

function readAuthOrPaymentRoute(route: Route): boolean {
  const segments = route.path.split('/').filter((s) => s && !s.startsWith(':') && !s.startsWith('['));
  if (segments.some((s) => AUTH_OR_PAYMENT_SEGMENT.test(s.toLowerCase().replace(/[-_]/g, '')) || splitWords(s).some((w) => AUTH_OR_PAYMENT_SEGMENT.test(w)))) return true;
  // A body that carries a credential or card data, whatever the path.
  return route.handlerFacts.bodyFields.some((f) => sensitiveNameKind(f) === 'secret' || /^(card|cc|cvc|cvv)/i.test(f));
}

/** `fn` is `outer` or nested in it. */
function isWithin(facts: FileFacts, fn: FnId, outer: FnId): boolean {
  for (let cur = fn, i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    if (cur === outer) return true;
    cur = facts.functions[cur]?.parent ?? TOP_LEVEL;
  }
  return false;
}

// ---------------------------------------------------------------- fixes

function fixLeak(text: string, file: string, site: CallSite, leak: Leak): TextEdit | undefined {
  const { leaf } = leak;
  const container = leaf.container;
  if (container?.k === 'prop' && !container.prop.spread) {
    // `logger.info({ body: req.body }, 'login attempt')`: an object left empty goes with its argument.
    const args = site.expr.args;
    const index = args.indexOf(container.obj);
    if (container.obj.props.length === 1 && index >= 0 && args.length > 1) return removeArgEdit(file, args, index);
    return removePropEdit(text, file, container.obj, container.prop);
  }
  if (container?.k === 'tpl') {
    const slot = container.tpl.exprs[container.index]!;
    const open = text.lastIndexOf('${', slot.span.start);
    const close = text.indexOf('}', slot.span.end);
    if (open < container.tpl.span.start || close < 0 || close >= container.tpl.span.end) return undefined;
    if (text.slice(open + 2, slot.span.start).trim() !== '' || text.slice(slot.span.end, close).trim() !== '') return undefined;
    return { file, start: open, end: close + 1, text: '[REDACTED]' };
  }
  if (container) return undefined;
  // The leak is a whole argument.
  const args = site.expr.args;
  const index = args.findIndex((a) => sameSpan(a.span, leaf.entry));
  if (index < 0) return undefined;
  if (leak.kind === 'request' && leak.requestName && leaf.locals.length === 0) {
    const r = leak.requestName;
    return { file, start: args[index]!.span.start, end: args[index]!.span.end, text: `{ method: ${r}.method, url: ${r}.url }` };
  }
  // Drop the argument only when it is the sensitive value itself, not an object that also holds other data.
  if (leaf.keys.length === 0 && args.length > 1 && !(index === 0 && (args[0]!.k === 'str' || args[0]!.k === 'tpl'))) return removeArgEdit(file, args, index);
  return undefined;
}

/** Removes one of several arguments with its separating comma. */
function removeArgEdit(file: string, args: readonly Expr[], index: number): TextEdit {
  if (index > 0) return { file, start: args[index - 1]!.span.end, end: args[index]!.span.end, text: '' };
  return { file, start: args[0]!.span.start, end: args[1]!.span.start, text: '' };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

function within(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
