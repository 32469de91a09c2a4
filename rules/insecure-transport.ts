import type { Expr, Span } from '../analyzer/model/ir';
import type { Fix } from '../analyzer/model/finding';
import { defineRule } from './utils/define-rule';
import { literalSites, type LiteralSite } from './utils/literals';
import { isPrivateOrDevHost, isTestLikePath, isToolingJson, splitWords } from './utils/secret-heuristics';
import { enclosingRoute } from './utils/enclosing-route';
import { fileInScope, filesToScan } from './utils/scope';

interface State {
  file: string;
  /** The whole literal. */
  span: Span;
  /** Offset of `http://` / `ws://` inside the file, for the fix. */
  schemeAt: number | undefined;
  scheme: 'http' | 'ws';
  /** The URL for messages, without credentials, query or fragment. */
  shown: string;
  why: 'request' | 'named' | 'endpoint-path' | 'redirect' | 'config';
  routeLabel: string | undefined;
}

/** Hosts of XML/JSON namespaces and licences: identifiers that are never fetched. */
const NAMESPACE_HOSTS = /^(www\.)?(w3\.org|schemas\.xmlsoap\.org|schemas\.microsoft\.com|schemas\.openxmlformats\.org|json-schema\.org|purl\.org|xmlns\.com|ns\.adobe\.com|apache\.org|opensource\.org|schema\.org|ogp\.me|rdfs\.org|xml\.org|docs\.oasis-open\.org|opengis\.net|relaxng\.org|creativecommons\.org|iptc\.org|microformats\.org|jabber\.org|xmpp\.org|openid\.net|oauth\.net|graphql\.org|jquery\.com|exslt\.org|xsltsl\.org|mozilla\.org|example\.(com|org|net))$/i;

/** Calls that send a request to their URL argument. */
const REQUEST_CALLEE = /^(fetch|axios|got|request|superagent|needle|ky|ofetch|\$fetch|undici\.request|undici\.fetch|http\.request|http\.get|https\.request|https\.get|axios\.(get|post|put|patch|delete|head|options|request|create)|got\.(get|post|put|patch|delete|head|extend)|superagent\.(get|post|put|patch|delete)|needle\.(get|post|put|patch|delete)|ky\.(get|post|put|patch|delete|create|extend)|WebSocket|EventSource|io)$/;

/** Names of values that hold an endpoint: `API_URL`, `webhookUrl`, `issuer`, `baseURL`, `callbackUrl`. */
const ENDPOINT_WORD = /^(url|uri|urls|endpoint|endpoints|host|base|baseurl|api|webhook|webhooks|callback|redirect|issuer|jwks|auth|token|origin|server|service|gateway|href|domain|upstream|proxy|target|remote|backend)$/;

/** URL paths that are API, auth or webhook endpoints. */
const ENDPOINT_PATH = /\/(api|v\d+|auth|oauth2?|token|tokens|webhooks?|hooks?|callback|callbacks|login|signin|graphql|rest|rpc|jwks(\.json)?|\.well-known|userinfo|authorize|introspect)(\/|$|\?)/i;

export default defineRule<State>({
  id: 'insecure-transport',
  incremental: true,
  meta: {
    summary: 'A hard-coded http:// (or ws://) URL for an API, auth or webhook endpoint, or a redirect that downgrades to http.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-319'],
    owaspApi: ['API8:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    for (const file of filesToScan(ctx)) {
      if (isTestLikePath(file)) continue;
      const facts = ctx.files.get(file)!;
      const requestArgs = new Map<number, 'request' | 'redirect'>();
      for (const { expr } of facts.calls) {
        const callee = expr.callee;
        if (callee.k === 'member' && callee.name === 'redirect' && expr.args.length > 0) requestArgs.set(expr.args[expr.args.length - 1]!.span.start, 'redirect');
        else if (expr.args[0] && isRequestCallee(callee)) requestArgs.set(expr.args[0].span.start, 'request');
      }
      const reported = new Set<number>();
      for (const site of literalSites(file, facts)) {
        const state = judge(file, site, requestArgs.get(site.expr.span.start));
        if (!state || reported.has(state.span.start)) continue;
        reported.add(state.span.start);
        const route = enclosingRoute(ctx, file, site.fn);
        yield { ...state, routeLabel: route ? `${route.method} ${route.path}` : undefined };
      }
      // `res.redirect('http://' + req.headers.host + req.url)`: the literal sits inside a concatenation.
      for (const { expr, fn } of facts.calls) {
        if (expr.callee.k !== 'member' || expr.callee.name !== 'redirect' || expr.args.length === 0) continue;
        const target = expr.args[expr.args.length - 1]!;
        const head = leadingLiteral(target);
        if (!head || head === target || reported.has(head.span.start)) continue;
        const value = head.k === 'str' ? head.value : head.quasis[0]!;
        if (!/^(http|ws):\/\//i.test(value)) continue;
        const host = hostOf(value);
        if (host && (isPrivateOrDevHost(host) || NAMESPACE_HOSTS.test(host))) continue;
        reported.add(head.span.start);
        const route = enclosingRoute(ctx, file, fn);
        yield { file, span: head.span, schemeAt: schemeOffset(ctx.getText(file), head.span), scheme: value.toLowerCase().startsWith('ws') ? 'ws' : 'http', shown: shown(value), why: 'redirect', routeLabel: route ? `${route.method} ${route.path}` : undefined };
      }
    }
    for (const file of [...ctx.textFiles].sort()) {
      if (isTestLikePath(file) || !/\.(ya?ml|json)$|(^|\/)\.env(\.[^/]*)?$/i.test(file) || isToolingJson(file) || !fileInScope(ctx, file)) continue;
      const text = ctx.getText(file);
      if (!text) continue;
      for (const m of text.matchAll(/["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[:=][ \t]*["']?((?:http|ws):\/\/[^\s"'#,}]+)/g)) {
        const key = m[1]!;
        const url = m[2]!;
        const host = hostOf(url);
        if (!host || isPrivateOrDevHost(host) || NAMESPACE_HOSTS.test(host)) continue;
        if (!isEndpointName(key) && !ENDPOINT_PATH.test(url)) continue;
        const start = m.index! + m[0].length - url.length;
        yield { file, span: { start, end: start + url.length }, schemeAt: start, scheme: url.toLowerCase().startsWith('ws') ? 'ws' : 'http', shown: shown(url), why: 'config', routeLabel: undefined };
      }
    }
  },

  report(s) {
    const url = `\`${s.shown}\``;
    const where = s.routeLabel ? ` in ${s.routeLabel}` : '';
    const plain = s.scheme === 'ws' ? 'ws:// (plain WebSocket)' : 'plain http';
    let message: string;
    switch (s.why) {
      case 'redirect':
        message = `This redirect${where} sends clients to ${plain} (${url}): the next request, with its cookies and anything it carries, travels unencrypted and can be read or changed on the network. Redirect to https:// instead.`;
        break;
      case 'config':
        message = `${url} in ${s.file} configures an endpoint over ${plain}: requests, tokens and webhook payloads sent there travel unencrypted. Use ${s.scheme === 'ws' ? 'wss' : 'https'}://.`;
        break;
      default:
        message = `The ${s.why === 'request' ? 'request' : 'endpoint'} URL ${url}${where} uses ${plain}: credentials and data sent to it travel unencrypted and can be read or changed by anyone on the network path. Use ${s.scheme === 'ws' ? 'wss' : 'https'}://.`;
    }
    return { message, location: { file: s.file, span: s.span } };
  },

  fix(s) {
    if (s.schemeAt === undefined) return undefined;
    const from = s.scheme === 'ws' ? 'ws' : 'http';
    const to = s.scheme === 'ws' ? 'wss' : 'https';
    return { title: `Use ${to}://`, kind: 'unsafe', edits: [{ file: s.file, start: s.schemeAt, end: s.schemeAt + from.length, text: to }] } satisfies Fix;
  },
});

function judge(file: string, site: LiteralSite, use: 'request' | 'redirect' | undefined): Omit<State, 'routeLabel'> | undefined {
  const expr = site.expr;
  const value = expr.k === 'str' ? expr.value : expr.quasis[0]!;
  if (!/^(http|ws):\/\//i.test(value)) return undefined;
  const host = hostOf(value);
  // `http://${host}/…`: the host is not known; only a redirect downgrade is certain.
  if (!host && use !== 'redirect') return undefined;
  if (host && (isPrivateOrDevHost(host) || NAMESPACE_HOSTS.test(host))) return undefined;
  const owner = site.owner[site.owner.length - 1];
  const why: State['why'] | undefined = use ?? (owner && isEndpointName(owner) ? 'named' : ENDPOINT_PATH.test(value) ? 'endpoint-path' : undefined);
  if (!why) return undefined;
  return { file, span: expr.span, schemeAt: expr.span.start + 1, scheme: value.toLowerCase().startsWith('ws') ? 'ws' : 'http', shown: shown(value), why };
}

function isEndpointName(name: string): boolean {
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last !== undefined && (ENDPOINT_WORD.test(last) || ENDPOINT_WORD.test(words.slice(-2).join('')));
}

/** The host of `http://user:pw@host:port/path`, lower case; undefined when it is interpolated or empty. */
function hostOf(url: string): string | undefined {
  const m = /^[a-z]+:\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^/:?#\s$]+)/i.exec(url);
  if (!m) return undefined;
  const rest = url.slice(m[0].length);
  if (rest.startsWith('${') || rest.startsWith('$')) return undefined;
  return m[1]!.toLowerCase();
}

/** The URL without credentials, query and fragment, at most 80 characters. */
function shown(url: string): string {
  const clean = url.replace(/^([a-z]+:\/\/)[^@/\s]*@/i, '$1').replace(/[?#].*$/, '');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

function leadingLiteral(e: Expr, depth = 0): Extract<Expr, { k: 'str' } | { k: 'tpl' }> | undefined {
  if (depth > 8) return undefined;
  if (e.k === 'str' || e.k === 'tpl') return e;
  if (e.k === 'bin' && e.op === '+') return leadingLiteral(e.left, depth + 1);
  return undefined;
}

function schemeOffset(text: string | undefined, span: Span): number | undefined {
  if (!text) return undefined;
  const i = text.slice(span.start, span.end).search(/(http|ws):\/\//i);
  return i < 0 ? undefined : span.start + i;
}

/** Roots of the dotted names in REQUEST_CALLEE: other `x.y` callees are not joined to be tested (every call of every file is asked). */
const REQUEST_ROOTS = new Set(['undici', 'http', 'https', 'axios', 'got', 'superagent', 'needle', 'ky']);

function isRequestCallee(e: Expr): boolean {
  if (e.k === 'id') return REQUEST_CALLEE.test(e.name);
  return e.k === 'member' && e.object.k === 'id' && REQUEST_ROOTS.has(e.object.name) && REQUEST_CALLEE.test(`${e.object.name}.${e.name}`);
}
