/**
 * Where `hardcoded-secret` finds secrets. Two kinds of evidence are merged per literal:
 *
 * - the secretlint pre-scan (`ctx.secrets`): known credential formats in any text file;
 * - code-aware checks secretlint cannot make: literals reaching a signing/session/cookie/HMAC
 *   key (`jwt.sign(p, 'k')`, `session({ secret })`, `cookieParser('k')`, `createHmac(a, 'k')`,
 *   `@fastify/jwt`…), connection strings with an inline password, identifiers named like a
 *   credential assigned a literal, fallbacks to an environment lookup (`process.env.X || 'k'`),
 *   and `NAME=value` lines of committed env files and JSON/YAML config.
 *
 * Raw values stay inside this module: a candidate carries the masked value only.
 */
import type { Expr, FnId, Span } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';
import type { Severity } from '../../analyzer/model/finding';
import type { RuleContext, SecretHit } from './define-rule';
import { callsTo, filesImporting, findLocalDecl, findProp, resolveModuleMember, resolveValue, sortedFiles } from './calls';
import { accessChain } from './value-flow';
import { isEnvLookup, literalSites, literalValue, type LiteralSite } from './literals';
import { maskSecret, maskUrlPassword } from './masking';
import { nextPublicSecrets, usesNext } from './next-public-secrets';
import {
  credentialUrlIsHarmless,
  isDatabaseScheme,
  isEnvFile,
  isEnvTemplateFile,
  isPlaceholderValue,
  isTestLikePath,
  isToolingJson,
  looksLikeNameNotSecret,
  parseCredentialUrl,
  secretNameKind,
  splitWords,
  toEnvName,
} from './secret-heuristics';
import { fileInScope, filesToScan } from './scope';

/** `public-env`: a secret under a name Next.js ships to the browser (`NEXT_PUBLIC_*`, next.config `env`). */
export type CandidateKind = 'known-format' | 'key-argument' | 'connection-string' | 'named' | 'fallback' | 'env-file' | 'config-file' | 'public-env';

export interface SecretCandidate {
  file: string;
  /** The literal (with its quotes) in code; the value in env and config files. */
  span: Span;
  kind: CandidateKind;
  /** What the secret is, in words: 'the JWT signing key passed to jwt.sign', "'jwtSecret'", 'an AWS Access Key ID'. */
  what: string;
  masked: string;
  severity: Severity;
  testLike: boolean;
  /** The environment variable the quick-fix reads instead; undefined when no fix applies. */
  envName: string | undefined;
  /** What the quick-fix replaces with `process.env.NAME` (the literal, or a whole `process.env.X || 'k'`). */
  replace: Span | undefined;
  related: { message: string; file: string; span: Span }[];
}

// ---------------------------------------------------------------- key arguments (sinks)

interface KeySink {
  modules: readonly string[];
  /** Accepts the member path after the module (`['sign']` for `jwt.sign`). */
  path: (path: readonly string[]) => boolean;
  /** Which argument holds the key, or which option of which argument. */
  arg: number;
  option?: readonly string[];
  what: string;
  envName: string;
}

const KEY_SINKS: readonly KeySink[] = [
  { modules: ['jsonwebtoken'], path: (p) => p.length === 1 && p[0] === 'sign', arg: 1, what: 'the JWT signing key passed to jwt.sign', envName: 'JWT_SECRET' },
  { modules: ['jsonwebtoken'], path: (p) => p.length === 1 && p[0] === 'verify', arg: 1, what: 'the JWT key passed to jwt.verify', envName: 'JWT_SECRET' },
  { modules: ['express-session'], path: (p) => p.length === 0, arg: 0, option: ['secret'], what: 'the express-session secret', envName: 'SESSION_SECRET' },
  { modules: ['cookie-session'], path: (p) => p.length === 0, arg: 0, option: ['secret', 'keys'], what: 'the cookie-session key', envName: 'SESSION_SECRET' },
  { modules: ['cookie-parser'], path: (p) => p.length === 0, arg: 0, what: 'the cookie-parser signing secret', envName: 'COOKIE_SECRET' },
  { modules: ['crypto', 'node:crypto'], path: (p) => p.length === 1 && p[0] === 'createHmac', arg: 1, what: 'the HMAC key passed to createHmac', envName: 'HMAC_SECRET' },
  { modules: ['crypto', 'node:crypto'], path: (p) => p.length === 1 && (p[0] === 'createCipheriv' || p[0] === 'createDecipheriv'), arg: 1, what: 'the encryption key passed to createCipheriv', envName: 'ENCRYPTION_KEY' },
  { modules: ['express-jwt'], path: (p) => p.length <= 1, arg: 0, option: ['secret'], what: 'the express-jwt secret', envName: 'JWT_SECRET' },
  { modules: ['passport-jwt'], path: (p) => p.length === 1 && p[0] === 'Strategy', arg: 0, option: ['secretOrKey'], what: 'the passport-jwt secretOrKey', envName: 'JWT_SECRET' },
  { modules: ['next-auth'], path: (p) => p.length === 0, arg: 0, option: ['secret'], what: 'the NextAuth secret', envName: 'NEXTAUTH_SECRET' },
];

/** Fastify plugins registered with `app.register(plugin, { secret })`. */
const FASTIFY_KEY_PLUGINS: Record<string, { option: readonly string[]; what: string; envName: string }> = {
  '@fastify/jwt': { option: ['secret'], what: 'the @fastify/jwt secret', envName: 'JWT_SECRET' },
  'fastify-jwt': { option: ['secret'], what: 'the fastify-jwt secret', envName: 'JWT_SECRET' },
  '@fastify/cookie': { option: ['secret'], what: 'the @fastify/cookie secret', envName: 'COOKIE_SECRET' },
  '@fastify/session': { option: ['secret'], what: 'the @fastify/session secret', envName: 'SESSION_SECRET' },
  '@fastify/secure-session': { option: ['secret', 'key'], what: 'the @fastify/secure-session key', envName: 'SESSION_SECRET' },
};
const FASTIFY_KEY_PLUGIN_MODULES: readonly string[] = Object.keys(FASTIFY_KEY_PLUGINS);

interface SinkUse {
  what: string;
  envName: string;
  call: { file: string; span: Span };
}

const sinksByRun = new WeakMap<object, Map<string, SinkUse>>();

/** Literal key values reaching a sink, by `file:start` of the literal; computed once per run. */
function sinkLiterals(ctx: RuleContext): Map<string, SinkUse> {
  let sinks = sinksByRun.get(ctx.model);
  if (!sinks) sinksByRun.set(ctx.model, (sinks = computeSinkLiterals(ctx)));
  return sinks;
}

/**
 * What findings in one file read from the rest of the project: which literals reach a key sink
 * (possibly from another file), .env.example (the fix adds to it), and whether the project uses
 * Next.js. An incremental run re-judges every file when it changes (RuleDefinition.projectInputs).
 */
export function secretProjectInputs(ctx: RuleContext): string {
  const sinks = [...sinkLiterals(ctx)].map(([at, use]) => `${at} ${use.what} ${use.envName} ${use.call.file}:${use.call.span.start}-${use.call.span.end}`);
  return [...sinks, `next ${usesNext(ctx)}`, ctx.getText('.env.example') ?? ''].join('\n');
}

function computeSinkLiterals(ctx: RuleContext): Map<string, SinkUse> {
  const out = new Map<string, SinkUse>();
  const record = (file: string, fn: FnId, expr: Expr | undefined, option: readonly string[] | undefined, use: Omit<SinkUse, 'call'>, call: { file: string; span: Span }): void => {
    if (!expr) return;
    const value = resolveValue(ctx, file, expr, fn);
    if (option) {
      if (value.expr.k !== 'obj') return;
      for (const key of option) {
        const prop = findProp(value.expr, key);
        if (prop && !prop.spread) addValue(resolveValue(ctx, value.file, prop.value, value.fn), use, call);
      }
      return;
    }
    addValue(value, use, call);
  };
  const addValue = (v: ReturnType<typeof resolveValue>, use: Omit<SinkUse, 'call'>, call: { file: string; span: Span }): void => {
    const e = v.expr;
    const mark = (lit: Expr): void => {
      const key = `${v.file}:${lit.span.start}`;
      if ((lit.k === 'str' || lit.k === 'tpl') && !out.has(key)) out.set(key, { ...use, call });
    };
    if (e.k === 'arr') e.items.forEach((item) => addValue({ ...v, expr: item }, use, call));
    else if (e.k === 'bin' && (e.op === '||' || e.op === '??')) {
      addValue({ ...v, expr: e.right }, use, call);
      if (!isEnvLookup(e.left)) addValue({ ...v, expr: e.left }, use, call);
    } else if (e.k === 'cond') {
      addValue({ ...v, expr: e.then }, use, call);
      addValue({ ...v, expr: e.else }, use, call);
    } else if (e.k === 'id' || e.k === 'member') {
      const next = resolveValue(ctx, v.file, e, v.fn);
      if (next.expr !== e) addValue(next, use, call);
      else {
        const required = throughRequire(ctx, v);
        if (required) addValue(required, use, call);
      }
    } else mark(e);
  };

  for (const sink of KEY_SINKS) {
    for (const found of callsTo(ctx, sink.modules, (origin) => sink.path(origin.path))) {
      record(found.file, found.site.fn, found.call.args[sink.arg], sink.option, { what: sink.what, envName: sink.envName }, { file: found.file, span: found.call.span });
    }
  }
  for (const file of filesImporting(ctx, FASTIFY_KEY_PLUGIN_MODULES)) {
    const facts = ctx.files.get(file)!;
    if (!facts.imports.some((i) => i.source in FASTIFY_KEY_PLUGINS)) continue;
    for (const site of facts.calls) {
      const callee = site.expr.callee;
      if (callee.k !== 'member' || callee.name !== 'register' || site.expr.args.length < 2) continue;
      const plugin = resolveModuleMember(facts, site.expr.args[0]!, site.fn);
      const spec = plugin && plugin.path.length === 0 ? FASTIFY_KEY_PLUGINS[plugin.module] : undefined;
      if (spec) record(file, site.fn, site.expr.args[1], spec.option, { what: spec.what, envName: spec.envName }, { file, span: site.expr.span });
    }
  }
  return out;
}

type Resolved = ReturnType<typeof resolveValue>;

/**
 * `const config = require('../config/auth.config'); jwt.sign(p, config.secret)`: `resolveValue`
 * stops at the `require` call, so follow it into the module's `module.exports = { … }`.
 */
function throughRequire(ctx: RuleContext, v: Resolved, depth = 0): Resolved | undefined {
  const chain = accessChain(v.expr);
  if (!chain || depth > 3) return undefined;
  const local = findLocalDecl(v.facts, chain.root, v.fn);
  const init = local?.decl.init;
  if (!local || !init || init.k !== 'call' || init.callee.k !== 'id' || init.callee.name !== 'require' || init.args[0]?.k !== 'str') return undefined;
  const target = resolveRelativeFile(ctx, v.file, init.args[0].value);
  const targetFacts = target ? ctx.files.get(target) : undefined;
  const exported = targetFacts?.exports.find((x) => (x.name === '=' || x.name === 'default') && !x.from && x.expr);
  if (!target || !exported?.expr) return undefined;
  let value = resolveValue(ctx, target, exported.expr, TOP_LEVEL);
  for (const key of [...local.path, ...chain.path]) {
    if (value.expr.k !== 'obj') return undefined;
    const prop = findProp(value.expr, key);
    if (!prop || prop.spread) return undefined;
    value = resolveValue(ctx, value.file, prop.value, value.fn);
  }
  return value;
}

const EXTENSIONS = ['.js', '.cjs', '.ts', '.cts', '.mjs', '.mts', '.jsx', '.tsx'];

function resolveRelativeFile(ctx: RuleContext, fromFile: string, source: string): string | undefined {
  if (!source.startsWith('.')) return undefined;
  const parts = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')).split('/') : [];
  for (const seg of source.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  const base = parts.join('/');
  const stripped = base.replace(/\.(c|m)?js$/, '');
  return [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)].find((c) => ctx.files.has(c));
}

// ---------------------------------------------------------------- merging per literal

function overlaps(a: Span, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const CONNECTION_ENV: Record<string, string> = { mongodb: 'MONGODB_URI', 'mongodb+srv': 'MONGODB_URI', redis: 'REDIS_URL', rediss: 'REDIS_URL', amqp: 'AMQP_URL', amqps: 'AMQP_URL' };

const KNOWN_FORMAT_ENV: [RegExp, string][] = [
  [/aws access key id/i, 'AWS_ACCESS_KEY_ID'],
  [/aws secret access key/i, 'AWS_SECRET_ACCESS_KEY'],
  [/github/i, 'GITHUB_TOKEN'],
  [/slack/i, 'SLACK_TOKEN'],
  [/openai/i, 'OPENAI_API_KEY'],
  [/anthropic/i, 'ANTHROPIC_API_KEY'],
  [/sendgrid/i, 'SENDGRID_API_KEY'],
  [/npm/i, 'NPM_TOKEN'],
];

/** Containers whose name says nothing about the secret (`config.jwtSecret`, `options.secret`). */
const GENERIC_PARENTS = new Set(['config', 'configuration', 'conf', 'cfg', 'options', 'opts', 'settings', 'env', 'secrets', 'keys', 'credentials', 'creds', 'default', 'defaults', 'process', 'module', 'exports', 'this', 'production', 'development', 'prod', 'dev']);

/**
 * A name for the environment variable: the bound name when it says what the secret is, prefixed
 * by a telling parent (`{ stripe: { apiKey } }` → STRIPE_API_KEY), else the use (JWT_SECRET).
 */
function envNameFor(owner: readonly string[], useName: string | undefined): string {
  const last = owner[owner.length - 1];
  const parent = owner[owner.length - 2];
  const tellingParent = parent !== undefined && !GENERIC_PARENTS.has(parent.toLowerCase()) && secretNameKind(parent) === undefined;
  if (last && tellingParent && !splitWords(last).includes(splitWords(parent)[0]!)) return toEnvName(`${parent}_${last}`);
  if (last && splitWords(last).length >= 2) return toEnvName(last);
  if (useName) return useName;
  return last ? toEnvName(last) : 'SECRET';
}

/** `MONGO_URL`, `replicaDsn` say which service; `url` or `connectionString` alone do not, so the scheme decides. */
function urlEnvName(scheme: string, owner: string | undefined): string {
  const telling = owner !== undefined && /(url|uri|dsn|connection|conn|string|host|endpoint)$/i.test(owner) && !/^(url|uri|dsn|host|endpoint|conn|connection|connection_?string|conn_?string|connection_?(url|uri))$/i.test(owner);
  if (telling) return toEnvName(owner);
  return CONNECTION_ENV[scheme] ?? (isDatabaseScheme(scheme) ? 'DATABASE_URL' : 'SERVICE_URL');
}

function ownerLabel(owner: readonly string[]): string {
  return owner.slice(-2).join('.');
}

function severityFor(kind: CandidateKind, testLike: boolean): Severity {
  if (testLike) return kind === 'known-format' ? 'medium' : 'low';
  switch (kind) {
    case 'known-format':
    case 'key-argument':
    case 'connection-string':
    case 'public-env':
      return 'critical';
    case 'named':
    case 'env-file':
    case 'config-file':
      return 'high';
    case 'fallback':
      return 'medium';
  }
}

/**
 * Framework-specific detectors, run after the generic ones (a literal they already judged is not
 * reported twice). The hook for Next.js: a `NEXT_PUBLIC_*` variable holding a secret is inlined
 * into the browser bundle; its detector (reading `.env*` files and `process.env.NEXT_PUBLIC_*`
 * reads) belongs here, returning candidates with kind 'env-file' or 'named'.
 */
const FRAMEWORK_DETECTORS: readonly ((ctx: RuleContext) => Iterable<SecretCandidate>)[] = [nextPublicSecrets];

/** Every secret candidate of the project, one per literal or value, sorted by file and offset. */
export function findSecretCandidates(ctx: RuleContext): SecretCandidate[] {
  const out: SecretCandidate[] = [];
  const sinks = sinkLiterals(ctx);
  const hitsByFile = new Map<string, SecretHit[]>();
  for (const hit of ctx.secrets) {
    if (!fileInScope(ctx, hit.file)) continue;
    const list = hitsByFile.get(hit.file);
    if (list) list.push(hit);
    else hitsByFile.set(hit.file, [hit]);
  }
  /** Spans the code-aware checks have judged (as a secret or as harmless): secretlint hits there are dropped. */
  const judged = new Map<string, Span[]>();
  // Appended in place: copying the list for each of a file's literals was quadratic.
  const judge = (file: string, span: Span): void => {
    const list = judged.get(file);
    if (list) list.push(span);
    else judged.set(file, [span]);
  };

  for (const file of filesToScan(ctx)) {
    const facts = ctx.files.get(file)!;
    const testLike = isTestLikePath(file);
    const hits = hitsByFile.get(file) ?? [];
    for (const site of literalSites(file, facts)) {
      const candidate = judgeLiteral(site, sinks.get(`${file}:${site.expr.span.start}`), hits, testLike);
      if (candidate === 'harmless') judge(file, site.expr.span);
      else if (candidate) {
        judge(file, site.expr.span);
        out.push(candidate);
      }
    }
  }
  for (const file of [...ctx.textFiles].sort()) {
    if (isEnvTemplateFile(file) || !fileInScope(ctx, file)) continue;
    const text = ctx.getText(file);
    if (text === undefined) continue;
    for (const c of configValueCandidates(file, text, hitsByFile.get(file) ?? [])) {
      judge(file, c.span);
      if (c.kind !== 'harmless') out.push(c.candidate!);
    }
  }
  for (const detect of FRAMEWORK_DETECTORS) {
    for (const c of detect(ctx)) {
      if (!fileInScope(ctx, c.file)) continue;
      if ((judged.get(c.file) ?? []).some((s) => overlaps(s, c.span))) continue;
      judge(c.file, c.span);
      out.push(c);
    }
  }
  // What secretlint found that the code-aware checks did not already judge.
  for (const hit of [...ctx.secrets].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start))) {
    if (!fileInScope(ctx, hit.file)) continue;
    if ((judged.get(hit.file) ?? []).some((s) => overlaps(s, hit))) continue;
    const testLike = isTestLikePath(hit.file);
    // An env template's URLs are placeholders by convention; a provider token there is still a leak.
    if (isEnvTemplateFile(hit.file) && /database-connection-string|basicauth/.test(hit.source)) continue;
    if (/database-connection-string|basicauth/.test(hit.source)) {
      const value = ctx.getText(hit.file)?.slice(hit.start, hit.end);
      const url = value ? parseCredentialUrl(value) : undefined;
      if (url && (credentialUrlIsHarmless(url) || (testLike && isTestPassword(url.password)))) continue;
    }
    out.push({
      file: hit.file,
      span: { start: hit.start, end: hit.end },
      kind: 'known-format',
      what: withArticle(hit.message),
      masked: hit.masked,
      severity: severityFor('known-format', testLike),
      testLike,
      envName: undefined,
      replace: undefined,
      related: [],
    });
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start));
  return out;
}

/** In test code, `mongodb://test:testpass@…` is a test credential. */
function isTestPassword(password: string): boolean {
  return /test|dummy|fake|mock|example|sample|secret|pass|changeme/i.test(password);
}

const TEST_VALUE_WORDS = new Set(['test', 'tests', 'testing', 'dummy', 'fake', 'mock', 'fixture', 'example', 'sample', 'spec', 'stub']);

function withArticle(raw: string): string {
  // secretlint names some formats by their variable: `GITHUB_TOKEN` → `github token`.
  const label = /^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(raw) ? raw.toLowerCase().replace(/_/g, ' ') : raw;
  return /^(a|an|the)\s/i.test(label) ? label : `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/**
 * The verdict on one literal: a candidate, 'harmless' (judged and cleared, e.g. a local-dev
 * connection string, so secretlint's hit on it is dropped too), or undefined (not about secrets).
 */
function judgeLiteral(site: LiteralSite, sink: SinkUse | undefined, hits: readonly SecretHit[], testLike: boolean): SecretCandidate | 'harmless' | undefined {
  const { expr, owner, fallback } = site;
  const value = literalValue(expr);
  const inner = { start: expr.span.start, end: expr.span.end };
  const hit = hits.find((h) => overlaps(inner, h));
  const url = parseCredentialUrl(value);
  const lastOwner = owner[owner.length - 1];
  // `const FALLBACK = process.env.WEBHOOK_SECRET || '…'`: the variable's name says what it is too.
  const ownerKind = (lastOwner ? secretNameKind(lastOwner) : undefined) ?? (fallback?.envName ? secretNameKind(fallback.envName) : undefined);
  const hasInterpolation = expr.k === 'tpl';
  const replaceable = !site.inArray;
  const base = (kind: CandidateKind, what: string, masked: string, envName: string | undefined): SecretCandidate => {
    // A recognised credential format stays critical even as a fallback: it is a real key either way.
    const finalKind: CandidateKind = fallback !== undefined && kind !== 'known-format' ? 'fallback' : kind;
    const isFallback = fallback !== undefined;
    return {
      file: site.file,
      span: expr.span,
      kind: finalKind,
      what,
      masked,
      severity: severityFor(finalKind, testLike),
      testLike,
      // No fix in test code: a test key belongs in the test, not in the app's .env.example.
      envName: replaceable && !testLike ? (isFallback && fallback.envName ? fallback.envName : envName) : undefined,
      replace: replaceable && !testLike ? (isFallback ? fallback.span : expr.span) : undefined,
      related: sink && (sink.call.file !== site.file || !overlaps(sink.call.span, expr.span)) ? [{ message: `used as ${sink.what} here`, file: sink.call.file, span: sink.call.span }] : [],
    };
  };

  // Test code signs with `'test-secret'` on purpose: values that say they are test values are fine there.
  if (!hit && testLike && (isPlaceholderValue(value) || splitWords(value).some((w) => TEST_VALUE_WORDS.has(w)))) return 'harmless';
  if (url && testLike && isTestPassword(url.password)) return 'harmless';
  if (hit) {
    if (/database-connection-string|basicauth/.test(hit.source) && url && credentialUrlIsHarmless(url)) return 'harmless';
    const known = KNOWN_FORMAT_ENV.find(([re]) => re.test(hit.message))?.[1];
    const envName = known ?? (url ? urlEnvName(url.scheme, lastOwner) : envNameFor(owner, sink?.envName));
    return base('known-format', withArticle(hit.message), hit.masked, envName);
  }
  if (sink) {
    // A template with interpolations is not a fixed value; an empty string is no key at all.
    if (hasInterpolation || value.trim() === '') return undefined;
    return base('key-argument', sink.what, maskSecret(value), envNameFor(owner, sink.envName));
  }
  if (url) {
    if (credentialUrlIsHarmless(url)) return 'harmless';
    const scheme = url.scheme;
    if (!isDatabaseScheme(scheme) && !/^(https?|wss?)$/.test(scheme)) return undefined;
    const envName = urlEnvName(scheme, lastOwner);
    const what = isDatabaseScheme(scheme) ? 'a connection string with an inline password' : 'a URL with an inline password';
    return base('connection-string', what, maskUrlPassword(value) ?? maskSecret(value), envName);
  }
  // Test data is full of `password: 'password1'`: in test code only the strong evidence above counts.
  if (ownerKind && !hasInterpolation && !testLike) {
    const minLength = fallback ? 1 : 6;
    if (isPlaceholderValue(value, minLength) && !fallback) return undefined;
    if (fallback && value.trim() === '') return undefined;
    if (looksLikeNameNotSecret(value, lastOwner)) return undefined;
    const named = lastOwner !== undefined && secretNameKind(lastOwner) !== undefined;
    return base('named', named || !fallback?.envName ? `'${ownerLabel(owner)}'` : `process.env.${fallback.envName}`, maskSecret(value), envNameFor(owner, undefined));
  }
  return undefined;
}

// ---------------------------------------------------------------- env and config files

interface ConfigValue {
  kind: 'candidate' | 'harmless';
  span: Span;
  candidate?: SecretCandidate;
}

const LOCALE_PATH = /(^|\/)(locales?|i18n|lang|langs|translations?|messages)\//i;

/** `NAME=value` lines of env files and `key: value` / `"key": "value"` pairs of YAML and JSON config. */
function* configValueCandidates(file: string, text: string, hits: readonly SecretHit[]): Generator<ConfigValue> {
  const lower = file.toLowerCase();
  const env = isEnvFile(file);
  const json = lower.endsWith('.json');
  const yaml = /\.ya?ml$/.test(lower);
  if (!env && !json && !yaml) return;
  if (json && isToolingJson(file)) return;
  if (LOCALE_PATH.test(file)) return;
  const testLike = isTestLikePath(file);
  const pattern = env
    ? /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm
    : json
      ? /"([^"\\\n]{1,80})"\s*:\s*"((?:[^"\\\n]|\\.){0,2000})"/g
      : /^[ \t]*(?:-[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[:=][ \t]*(.*)$/gm;
  for (const m of text.matchAll(pattern)) {
    const key = m[1]!;
    let raw = m[2]!;
    // The value ends the match, except in JSON where its closing quote does.
    let offset = m.index! + m[0].length - raw.length - (json ? 1 : 0);
    if (!json) {
      // Strip quotes and a trailing ` # comment` from env and YAML values.
      const q = /^(["'])(.*)\1\s*(#.*)?$/.exec(raw);
      if (q) {
        raw = q[2]!;
        offset += 1;
      } else raw = raw.replace(/\s+#.*$/, '').trimEnd();
    }
    const value = json ? raw.replace(/\\(.)/g, '$1') : raw;
    if (value === '' || /^[|>][-+]?$/.test(value)) continue;
    const span = { start: offset, end: offset + raw.length };
    const url = parseCredentialUrl(value);
    // secretlint recognised the value's format: report it under its name (e.g. AWS Secret Access Key).
    const hit = hits.find((h) => overlaps(span, h));
    if (hit) {
      if (url && credentialUrlIsHarmless(url)) yield { kind: 'harmless', span };
      else yield { kind: 'candidate', span: { start: hit.start, end: hit.end }, candidate: { ...configCandidate(file, { start: hit.start, end: hit.end }, env, testLike, withArticle(hit.message), hit.masked), kind: 'known-format', severity: severityFor('known-format', testLike) } };
      continue;
    }
    if (url) {
      if (credentialUrlIsHarmless(url)) {
        yield { kind: 'harmless', span };
        continue;
      }
      if (!isDatabaseScheme(url.scheme) && !/^(https?|wss?)$/.test(url.scheme)) continue;
      yield { kind: 'candidate', span, candidate: configCandidate(file, span, env, testLike, `'${key}' (a connection string with an inline password)`, maskUrlPassword(value) ?? maskSecret(value)) };
      continue;
    }
    // CI and docs config is test data (`POSTGRES_PASSWORD: postgres` for a service container).
    if (!secretNameKind(key) || testLike) continue;
    if (isPlaceholderValue(value, 6) || looksLikeNameNotSecret(value, key)) {
      yield { kind: 'harmless', span };
      continue;
    }
    // `${OTHER_VAR}` references and GitHub Actions `${{ secrets.X }}` are not values.
    if (/\$\{|\$\(|^\$[A-Za-z_]/.test(value)) continue;
    yield { kind: 'candidate', span, candidate: configCandidate(file, span, env, testLike, `'${key}'`, maskSecret(value)) };
  }
}

function configCandidate(file: string, span: Span, env: boolean, testLike: boolean, what: string, masked: string): SecretCandidate {
  const kind: CandidateKind = env ? 'env-file' : 'config-file';
  return { file, span, kind, what, masked, severity: severityFor(kind, testLike), testLike, envName: undefined, replace: undefined, related: [] };
}
