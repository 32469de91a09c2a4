import type { Fix, TextEdit } from '../analyzer/model/finding';
import { defineRule, type RuleContext } from './utils/define-rule';
import { findSecretCandidates, secretProjectInputs, type SecretCandidate } from './utils/secret-sources';
import { isEnvFile } from './utils/secret-heuristics';

/**
 * Secrets committed with the code: known credential formats (the secretlint pre-scan) and what
 * only code can tell (keys passed to jwt/session/cookie/HMAC APIs, connection strings with inline
 * passwords, credential-named identifiers, env fallbacks, committed env and config files). The
 * value is masked in every message; see rules/utils/secret-sources.ts for the detectors.
 */
export default defineRule<SecretCandidate>({
  id: 'hardcoded-secret',
  incremental: true,
  meta: {
    summary: 'A secret (API key, signing key, password, connection string) is written in the code or a committed file.',
    severity: 'critical',
    confidence: 'medium',
    cwe: ['CWE-798', 'CWE-259', 'CWE-321'],
    owaspApi: ['API2:2023', 'API8:2023'],
    fix: 'unsafe',
  },

  projectInputs: secretProjectInputs,

  *detect(ctx) {
    yield* findSecretCandidates(ctx);
  },

  report(c) {
    const where = c.testLike ? ' (a test, fixture, example or CI file, so reported at lower severity)' : '';
    const value = `\`${c.masked}\``;
    let message: string;
    switch (c.kind) {
      case 'key-argument':
        message = `${capitalize(c.what)} is hard-coded (${value}) in ${c.file}${where}: anyone who can read the source, the repository history or the built bundle can forge what it signs. Read it from ${envRef(c)} and keep the value in a secret store.`;
        break;
      case 'fallback':
        message = `${capitalize(c.what)} falls back to a hard-coded value (${value}) in ${c.file}${where} when the environment variable is unset: a deployment that forgets the variable runs with a secret anyone can read. Fail at startup when ${envRef(c)} is missing instead of falling back.`;
        break;
      case 'connection-string':
        message = `${capitalize(c.what)} (${value}) is hard-coded in ${c.file}${where}: the password is exposed to everyone with access to the code and cannot be rotated without a release. Read the URL from ${envRef(c)}.`;
        break;
      case 'named':
        message = `${capitalize(c.what)} is assigned a hard-coded secret (${value}) in ${c.file}${where}: anyone who can read the code can use it, and rotating it needs a release. Read it from ${envRef(c)} and keep the value in a secret store.`;
        break;
      case 'env-file':
        message = `${capitalize(c.what)} has a real-looking value (${value}) in ${c.file}${where}, which is not ignored by .gitignore and so is likely committed: add the file to .gitignore, rotate the secret, and commit a .env.example with empty values instead.`;
        break;
      case 'config-file':
        message = `${capitalize(c.what)} has a hard-coded secret value (${value}) in ${c.file}${where}: config files are committed and shipped. Inject the value from the environment or a secret store at deploy time, and rotate this one.`;
        break;
      case 'public-env':
        message = `${capitalize(c.what)} names a secret that Next.js inlines into the browser bundle at build time (NEXT_PUBLIC_* variables and next.config \`env\` keys are public)${c.masked ? `; this file sets it to ${value}` : ''}${where}: every visitor can read it from the page's JavaScript. Rename it without the NEXT_PUBLIC_ prefix (or drop it from \`env\`), read it only in server code (route handlers, server actions), and rotate the value.`;
        break;
      case 'known-format':
        message = isEnvFile(c.file)
          ? `${capitalize(c.what)} (${value}) is in ${c.file}${where}, which is not ignored by .gitignore and so is likely committed: anyone with read access to the repository can use it. Revoke and rotate it, add the file to .gitignore, and commit a .env.example with empty values instead.`
          : `${capitalize(c.what)} (${value}) is committed in ${c.file}${where}: anyone with read access to the repository can use it. Revoke and rotate it, then load it from the environment or a secret store.`;
        break;
    }
    return {
      message,
      location: { file: c.file, span: c.span },
      severity: c.severity,
      // The location's text is the secret: anchor the fingerprint on what is shown instead.
      fingerprintAnchor: `${c.kind}:${c.what}:${c.masked}`,
      related: c.related.map((r) => ({ message: r.message, location: { file: r.file, span: r.span } })),
    };
  },

  fix(c, ctx) {
    if (!c.envName || !c.replace) return undefined;
    const edits: TextEdit[] = [{ file: c.file, start: c.replace.start, end: c.replace.end, text: `process.env.${c.envName}` }];
    const example = envExampleEdit(ctx, c.envName);
    if (example) edits.push(example);
    return {
      title: `Read the secret from process.env.${c.envName}${example ? ` and add ${c.envName}= to .env.example` : ''}`,
      kind: 'unsafe',
      edits,
    } satisfies Fix;
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function envRef(c: SecretCandidate): string {
  return c.envName ? `process.env.${c.envName}` : 'the environment';
}

const ENV_EXAMPLE = '.env.example';

/** Appends `NAME=` to the root .env.example (creating it if needed), unless the name is there already. */
function envExampleEdit(ctx: RuleContext, name: string): TextEdit | undefined {
  const text = ctx.getText(ENV_EXAMPLE);
  if (text === undefined) return { file: ENV_EXAMPLE, start: 0, end: 0, text: `${name}=\n`, createIfMissing: true };
  if (new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(text)) return undefined;
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  return { file: ENV_EXAMPLE, start: text.length, end: text.length, text: `${needsNewline ? '\n' : ''}${name}=\n` };
}
