/**
 * Next.js ships every `NEXT_PUBLIC_*` variable into the browser bundle (its value is inlined at
 * build time), and so does every key of `env` in `next.config.*`. A secret under such a name is
 * public whatever file holds its value, committed or not. This detector (a `hardcoded-secret`
 * finding of kind 'public-env') reports:
 *
 * - `NEXT_PUBLIC_<secret name>=value` lines of env files (template files too: they document that
 *   the secret is expected there), at the variable name;
 * - `process.env.NEXT_PUBLIC_<secret name>` reads in code (once per file and name);
 * - `env: { STRIPE_SECRET_KEY: … }` keys in next.config.
 *
 * A secret name is one `secretNameKind` accepts. Keys that are public by design (Supabase anon,
 * Stripe publishable, Firebase web API key, Maps/analytics keys, site keys, DSNs) are not secrets.
 * `*_API_KEY` and `*_TOKEN` count only for services whose keys are always server-side (OpenAI,
 * Stripe secret keys, SendGrid…) or when the value has a known secret format; the rest
 * (`SECRET`, `PRIVATE_KEY`, `PASSWORD`, `SERVICE_ROLE`) always count. Values are masked.
 */
import type { Expr } from '../../analyzer/model/ir';
import type { RuleContext } from './define-rule';
import { maskSecret } from './masking';
import { isEnvFile, isPlaceholderValue, isTestLikePath, secretNameKind } from './secret-heuristics';
import type { SecretCandidate } from './secret-sources';
import { fileInScope, filesToScan } from './scope';

const PREFIX = 'NEXT_PUBLIC_';
const PUBLIC_BY_DESIGN = /(^|_)(ANON_KEY|PUBLISHABLE(_KEY)?|PUBLIC_KEY|SITE_KEY|CLIENT_ID|CLIENT_KEY|MEASUREMENT_ID|DSN|FIREBASE_API_KEY|FIREBASE_.*|MAPBOX(_ACCESS)?_TOKEN|MAPS_API_KEY|GOOGLE_MAPS.*|POSTHOG_KEY|ALGOLIA_(SEARCH|APP).*|SEARCH_ONLY.*|RECAPTCHA.*|VAPID_PUBLIC.*|PUSHER_(APP_)?KEY|SEGMENT_WRITE_KEY|AMPLITUDE.*|MIXPANEL_TOKEN|INTERCOM.*|LIVEBLOCKS_PUBLIC.*|CLERK_PUBLISHABLE.*|SENTRY_.*|GA_.*|GTM_.*)$/;
const ALWAYS_SECRET = /(SECRET|PRIVATE|SERVICE_ROLE|PASSWORD|PASSWD|ADMIN_KEY|MASTER_KEY|SIGNING|DATABASE_URL|DB_URL)/;
const SERVER_SIDE_SERVICES = /(OPENAI|ANTHROPIC|GROQ|MISTRAL|COHERE|REPLICATE|STRIPE|RESEND|SENDGRID|MAILGUN|POSTMARK|TWILIO|AWS|GITHUB|SLACK|DISCORD_BOT|UPSTASH_REDIS_REST_TOKEN|PINECONE|ELEVENLABS)/;
const SECRET_FORMAT = /^(sk[-_]|rk_live|whsec_|ghp_|gho_|ghs_|github_pat_|xox[abp]-|AKIA|SG\.|re_[A-Za-z0-9]{8}|eyJ[^.]+\.eyJ[^.]*c2VydmljZV9yb2xl)/;

/** Whether `name` (a NEXT_PUBLIC_ variable or a next.config env key) names a secret; `value` helps when known. */
export function isPublicSecretName(name: string, value?: string): boolean {
  const rest = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
  if (PUBLIC_BY_DESIGN.test(rest)) return false;
  // `SUPABASE_SERVICE_ROLE_KEY`, `DATABASE_URL`; not `PASSWORD_MIN_LENGTH`.
  if (ALWAYS_SECRET.test(rest) && /(^|_)(KEY|SECRET|TOKEN|PASSWORD|PASSWD|URL|CREDENTIALS?)$/.test(rest)) return true;
  const kind = secretNameKind(rest);
  if (!kind) return false;
  if (ALWAYS_SECRET.test(rest) || kind === 'password' || kind === 'private-key') return true;
  if (SERVER_SIDE_SERVICES.test(rest)) return true;
  return value !== undefined && SECRET_FORMAT.test(value);
}

export function* nextPublicSecrets(ctx: RuleContext): Iterable<SecretCandidate> {
  // Only projects that use Next (the model has Next routes or apps).
  if (!usesNext(ctx)) return;
  for (const file of [...ctx.textFiles].sort()) {
    if (!isEnvFile(file) || !fileInScope(ctx, file)) continue;
    const text = ctx.getText(file);
    if (text === undefined) continue;
    for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?(NEXT_PUBLIC_[A-Za-z0-9_]+)[ \t]*=[ \t]*(.*)$/gm)) {
      const name = m[1]!;
      const raw = m[2]!.replace(/^(["'])(.*)\1\s*(#.*)?$/, '$2').replace(/\s+#.*$/, '').trim();
      const value = raw === '' || isPlaceholderValue(raw, 6) ? undefined : raw;
      if (!isPublicSecretName(name, value)) continue;
      const start = m.index! + m[0].indexOf(name);
      yield candidate(file, { start, end: start + name.length }, `'${name}'`, value, name);
    }
  }
  for (const file of filesToScan(ctx)) {
    const facts = ctx.files.get(file)!;
    const seen = new Set<string>();
    for (const read of facts.reads) {
      const name = read.root === 'process' && read.path[0] === 'env' ? read.path[1] : undefined;
      if (!name || !name.startsWith(PREFIX) || seen.has(name) || !isPublicSecretName(name)) continue;
      seen.add(name);
      yield candidate(file, read.span, `'${name}' (read as process.env.${name})`, undefined, name);
    }
    if (/(^|\/)next\.config\.[cm]?[jt]s$/.test(file)) yield* configEnvKeys(file, facts.decls.map((d) => d.init).concat(facts.exports.map((e) => e.expr)));
  }
}

/** `env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY }` in next.config. */
function* configEnvKeys(file: string, exprs: readonly (Expr | undefined)[]): Iterable<SecretCandidate> {
  const visit = function* (e: Expr | undefined, depth: number): Iterable<SecretCandidate> {
    if (!e || depth > 8) return;
    if (e.k === 'obj') {
      for (const p of e.props) {
        if (p.key === 'env' && p.value.k === 'obj') {
          for (const envProp of p.value.props) {
            if (envProp.key && isPublicSecretName(envProp.key)) yield candidate(file, envProp.keySpan, `'${envProp.key}' in next.config env`, undefined, envProp.key);
          }
        } else yield* visit(p.value, depth + 1);
      }
    } else if (e.k === 'call') {
      for (const a of e.args) yield* visit(a, depth + 1);
    }
  };
  for (const e of exprs) yield* visit(e, 0);
}

function candidate(file: string, span: { start: number; end: number }, what: string, value: string | undefined, name: string): SecretCandidate {
  const testLike = isTestLikePath(file);
  const serverName = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined;
  return {
    file,
    span,
    kind: 'public-env',
    what,
    masked: value === undefined ? '' : maskSecret(value),
    severity: testLike ? 'low' : 'critical',
    testLike,
    // Renaming the variable is the fix, but every read and every deployment must change with it.
    envName: serverName,
    replace: undefined,
    related: [],
  };
}

/** The model has Next.js routes or apps. */
export function usesNext(ctx: RuleContext): boolean {
  return ctx.model.apps.some((a) => a.framework === 'next') || ctx.model.routes.some((r) => r.framework === 'next');
}
