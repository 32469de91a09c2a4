/**
 * The secret pre-scan and the helpers behind hardcoded-secret: masking, secretlint embedding
 * (AWS id scan, range narrowing, no profiler marks left behind), the session's handling of stale
 * hits, and the severities in test code and config files that fixture annotations cannot show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { DEFAULT_CONFIG } from '../analyzer/config/types';
import { scanTextsForSecrets } from '../analyzer/secrets/secretlint-scan';
import { ProjectSession } from '../analyzer/session';
import { maskSecret, maskUrlPassword } from '../rules/utils/masking';
import { isPlaceholderValue, looksLikeNameNotSecret, secretNameKind, sensitiveNameKind } from '../rules/utils/secret-heuristics';

const AWS_ID = 'AKIAZ3MQ7XK2PL9RTW4B';
const AWS_SECRET = 'Qz8mK2pL9xW4vB7nR1tY6uI3oP5aS0dF2gH4jK8l';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-secrets-'));
  dirs.push(root);
  for (const [file, text] of Object.entries({ 'package.json': '{"name":"p"}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('masking', () => {
  it('shows at most 4 leading characters (a quarter of short values) and the length', () => {
    expect(maskSecret(AWS_ID)).toBe('AKIA…(20 chars)');
    expect(maskSecret('hunter22')).toBe('hu…(8 chars)');
    expect(maskSecret('abc')).toBe('…(3 chars)');
    expect(maskUrlPassword('postgres://app:s3cret@db.acme.io:5432/app')).toBe('postgres://app:****@db.acme.io:5432/app');
    expect(maskUrlPassword('https://api.acme.io/v1')).toBeUndefined();
  });
});

describe('secretlint pre-scan', () => {
  it('reports a bare AWS access key id, and narrows the secret-access-key range to the value', async () => {
    const text = `AWS_ACCESS_KEY_ID=${AWS_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}\n`;
    const [out] = await scanTextsForSecrets([{ file: '.env', text }]);
    const values = out!.hits.map((h) => text.slice(h.start, h.end));
    expect(values).toEqual([AWS_ID, AWS_SECRET]);
    for (const hit of out!.hits) {
      expect(hit.masked).not.toContain(text.slice(hit.start, hit.end));
      expect(hit.message).not.toMatch(/\*|AKIA/);
    }
  });

  it('cuts a connection string at its closing quote', async () => {
    const text = "const url = 'postgres://app:Zk29fhqXw8@db.acme.io:5432/app';\n";
    const [out] = await scanTextsForSecrets([{ file: 'db.ts', text }]);
    expect(out!.hits.map((h) => text.slice(h.start, h.end))).toEqual(['postgres://app:Zk29fhqXw8@db.acme.io:5432/app']);
    expect(out!.hits[0]!.masked).toBe('postgres://app:****@db.acme.io:5432/app');
  });

  it('leaves no performance marks behind and restores performance.mark', async () => {
    const before = performance.getEntriesByType('mark').length;
    const own = Object.getOwnPropertyDescriptor(performance, 'mark');
    await scanTextsForSecrets(Array.from({ length: 50 }, (_, i) => ({ file: `f${i}.ts`, text: `export const k${i} = '${AWS_ID}';` })));
    expect(performance.getEntriesByType('mark').length).toBe(before);
    expect(Object.getOwnPropertyDescriptor(performance, 'mark')).toEqual(own);
    performance.mark('still-works');
    expect(performance.getEntriesByName('still-works')).toHaveLength(1);
    performance.clearMarks('still-works');
  });
});

describe('session', () => {
  it('ignores hits computed for an older text of the file, until the file is scanned again', async () => {
    const root = project({ 'src/keys.ts': `export const awsKeyId = '${AWS_ID}';\n` });
    const session = new ProjectSession({ root, config: DEFAULT_CONFIG });
    session.loadAll();
    await session.scanSecrets();
    expect(session.run().findings.filter((f) => f.ruleId === 'hardcoded-secret')).toHaveLength(1);
    // The edit moves the key: the old offsets must not be used.
    session.setSource('src/keys.ts', `// moved\n\nexport const awsKeyId = '${AWS_ID}';\n`);
    expect(session.run().findings.filter((f) => f.ruleId === 'hardcoded-secret')).toEqual([]);
    await session.scanSecrets(['src/keys.ts']);
    const fresh = session.run().findings.filter((f) => f.ruleId === 'hardcoded-secret');
    expect(fresh).toHaveLength(1);
    const text = session.getText('src/keys.ts')!;
    expect(text.slice(fresh[0]!.location.span.start, fresh[0]!.location.span.end)).toBe(`'${AWS_ID}'`);
  });

  it('skips the scan when hardcoded-secret is off', async () => {
    const root = project({ '.env': `AWS_ACCESS_KEY_ID=${AWS_ID}\n` });
    const session = new ProjectSession({ root, config: { ...DEFAULT_CONFIG, rules: { 'hardcoded-secret': { severity: 'off' } } } });
    session.loadAll();
    await session.scanSecrets();
    expect(session.run().findings).toEqual([]);
  });
});

describe('hardcoded-secret beyond the fixtures', () => {
  it('reads JSON config, lowers severity in test code and keeps only strong evidence there', async () => {
    const root = project({
      'config/default.json': JSON.stringify({ jwtSecret: 'Zq81-prod-jwt-key', name: 'api', passwordMinLength: '12345678' }, null, 2),
      'package-lock.json': JSON.stringify({ token: 'Zq81-not-a-secret-here' }),
      'test/fixtures/users.ts': "export const user = { email: 'a@b.c', password: 'Sup3rS3cret!' };\n",
      'test/keys.ts': `export const awsKeyId = '${AWS_ID}';\n`,
      '.github/workflows/ci.yml': 'env:\n  POSTGRES_PASSWORD: Xk28dksl2\n',
    });
    const result = await analyzeProject({ root });
    const found = result.findings.filter((f) => f.ruleId === 'hardcoded-secret').map((f) => [f.location.file, f.severity]);
    expect(found).toEqual([
      ['config/default.json', 'high'],
      ['test/keys.ts', 'medium'],
    ]);
    const json = result.findings.find((f) => f.location.file === 'config/default.json')!;
    expect(result.getText('config/default.json')!.slice(json.location.span.start, json.location.span.end)).toBe('Zq81-prod-jwt-key');
    expect(json.message).not.toContain('Zq81-prod-jwt-key');
  });
});

describe('hardcoded-secret quick-fix', () => {
  it('creates .env.example when the project has none, and names the variable after the use', async () => {
    const root = project({ 'src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const sign = (id: string) => jwt.sign({ id }, 'Zq81-prod-jwt-key');\n" });
    const result = await analyzeProject({ root });
    const finding = result.findings.find((f) => f.ruleId === 'hardcoded-secret')!;
    expect(finding.fix?.edits).toEqual([
      { file: 'src/auth.ts', start: finding.location.span.start, end: finding.location.span.end, text: 'process.env.JWT_SECRET' },
      { file: '.env.example', start: 0, end: 0, text: 'JWT_SECRET=\n', createIfMissing: true },
    ]);
  });
});

describe('names and values', () => {
  it.each([
    ['jwtSecret', 'secret'],
    ['DB_PASSWORD', 'password'],
    ['stripeApiKey', 'api-key'],
    ['privateKey', 'private-key'],
    ['accessToken', 'token'],
    ['SECRET_KEY_BASE', 'secret'],
    ['tokenExpiresIn', undefined],
    ['passwordMinLength', undefined],
    ['publicKey', undefined],
    ['cacheKey', undefined],
    ['csrfToken', undefined],
    ['hasPassword', undefined],
    ['email or password', undefined],
  ])('secretNameKind(%s) = %s', (name, kind) => {
    expect(secretNameKind(name)).toBe(kind);
  });

  it.each([
    ['authorization', 'auth-header'],
    ['cardNumber', 'card'],
    ['cvc', 'card'],
    ['phoneNumber', 'pii'],
    ['ssn', 'pii'],
    ['passwordHash', 'secret'],
    ['user-agent', undefined],
    ['phoneVerified', undefined],
  ])('sensitiveNameKind(%s) = %s', (name, kind) => {
    expect(sensitiveNameKind(name)).toBe(kind);
  });

  it('tells placeholders and names from keys', () => {
    for (const v of ['', 'changeme', 'xxx', '<your-key>', 'your-api-key-here', '${JWT_SECRET}', '{{token}}', 'REPLACE_ME']) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ['secret', 'Zq81-prod-jwt-key', 'keyboard cat']) expect(isPlaceholderValue(v), v).toBe(false);
    for (const v of ['x-api-key', 'refresh_token', 'jwt.secret', 'STRIPE_API_KEY', 'https://auth.acme.io', 'Enter your password here']) expect(looksLikeNameNotSecret(v), v).toBe(true);
    for (const v of ['secret', 'my-super-secret', 'acme-secret-key', 'keyboard cat']) expect(looksLikeNameNotSecret(v), v).toBe(false);
  });
});
