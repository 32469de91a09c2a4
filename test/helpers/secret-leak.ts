/**
 * Planted secrets, for tests proving that no output shows a detected secret in full.
 *
 * `createSecretLeakProject()` writes a small Express project with known secrets in every place
 * RouteGuard reads them (source literals reaching jwt/session/cookie/HMAC APIs, middleware
 * arguments that the route table shows, a connection string, an AWS key pair and a GitHub token in
 * a committed .env and YAML, a credential-named JSON value, a URL with a password, a logged
 * password). `findLeakedSecrets(output, secrets)` lists the planted secrets that appear in full
 * in any output — the CLI's text/JSON/SARIF reports, the route table, or (in the language server's
 * tests) diagnostics, related information and code-action titles serialized to a string.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SecretLeakProject {
  /** Absolute path of the temporary project. */
  root: string;
  /** Every planted secret value; none may appear in full in any output. */
  secrets: readonly string[];
  /** Project-relative files holding at least one planted secret. */
  files: readonly string[];
  /** Removes the project. */
  cleanup(): void;
}

/** The planted values. All fake; shaped like the real thing where a scanner needs the shape. */
export const PLANTED = {
  jwtKey: 'Planted-JWT-Key-7f3c9a1e5b',
  sessionSecret: 'Planted-Session-Secret-4d8e2b',
  cookieSecret: 'Planted-Cookie-Secret-9a1c3e',
  hmacKey: 'Planted-HMAC-Key-2b6f8d0a4c',
  dbPassword: 'PlantedDbPassw0rd-5e7a',
  apiKey: 'Planted-Stripe-Key-8c2e4a6f1d',
  awsKeyId: 'AKIAZ9PLANTED4KEY7QX',
  awsSecret: 'PlantedAwsSecretKey0123456789abcdefGHIJK',
  githubToken: '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',
  jsonPassword: 'Planted-Json-Passw0rd-3f5b',
  envJwt: 'Planted-Env-Jwt-Secret-6a8c0e',
  urlPassword: 'PlantedUrlPass-1d3f5b',
  fallbackKey: 'Planted-Fallback-Key-0e2c4a',
} as const;

export function createSecretLeakProject(): SecretLeakProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-secret-leak-'));
  const p = PLANTED;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'secret-leak-project', private: true, dependencies: { express: '^5.1.0', jsonwebtoken: '^9.0.2', 'express-session': '^1.18.1', 'cookie-parser': '^1.4.7' } }, null, 2),
    'src/app.ts': [
      "import express from 'express';",
      "import session from 'express-session';",
      "import cookieParser from 'cookie-parser';",
      "import jwt from 'jsonwebtoken';",
      "import { createHmac } from 'node:crypto';",
      '',
      `const JWT_KEY = '${p.jwtKey}';`,
      `const FALLBACK = process.env.FALLBACK_API_KEY || '${p.fallbackKey}';`,
      'const app = express();',
      `app.use(session({ secret: '${p.sessionSecret}', resave: false }));`,
      `app.use(cookieParser('${p.cookieSecret}'));`,
      '',
      "app.post('/login', (req, res) => {",
      '  const { email, password } = req.body;',
      "  console.log('login', email, password);",
      '  res.json({ token: jwt.sign({ sub: email }, JWT_KEY) });',
      '});',
      '',
      `app.post('/hooks/payments', cookieParser('${p.cookieSecret}'), (req, res) => {`,
      `  const sig = createHmac('sha256', '${p.hmacKey}').update(JSON.stringify(req.body)).digest('hex');`,
      '  res.json({ sig, fallback: FALLBACK.length });',
      '});',
      '',
      'export default app;',
      '',
    ].join('\n'),
    'src/config.ts': [
      'export const settings = {',
      `  databaseUrl: 'postgres://payments:${p.dbPassword}@db.acme-payments.io:5432/payments',`,
      `  stripe: { apiKey: '${p.apiKey}' },`,
      `  partnerApiUrl: 'http://partner:${p.urlPassword}@api.partner-logistics.com/v1',`,
      `  awsKeyId: '${p.awsKeyId}',`,
      '};',
      '',
    ].join('\n'),
    '.env': [`JWT_SECRET=${p.envJwt}`, `AWS_ACCESS_KEY_ID=${p.awsKeyId}`, `AWS_SECRET_ACCESS_KEY=${p.awsSecret}`, ''].join('\n'),
    'config/ci.yml': ['deploy:', `  github_token: ${p.githubToken}`, ''].join('\n'),
    'config/default.json': JSON.stringify({ db: { password: p.jsonPassword } }, null, 2),
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return {
    root,
    secrets: Object.values(PLANTED),
    files: Object.keys(files).filter((f) => Object.values(PLANTED).some((s) => files[f]!.includes(s))),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * The planted secrets that appear in full in `output`. JSON-escaped forms count too (a `/` or
 * `\` in a secret is escaped in JSON and SARIF).
 */
export function findLeakedSecrets(output: string, secrets: readonly string[]): string[] {
  return secrets.filter((s) => output.includes(s) || output.includes(JSON.stringify(s).slice(1, -1)));
}
