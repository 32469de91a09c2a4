/**
 * Per-finding severities that the fixture annotations cannot express (they name only the rule):
 * a rule that raises or lowers its default for some findings is checked here, line by line.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { positionAt } from '../analyzer/extract/lines';

const FIXTURES = path.resolve(__dirname, '../test-fixtures');

async function severities(app: string, ruleId: string): Promise<string[]> {
  const result = await analyzeProject({ root: path.join(FIXTURES, app) });
  return result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.location.file}:${positionAt(result.files.get(f.location.file)!.lineStarts, f.location.span.start).line} ${f.severity}`);
}

describe('per-finding severities', () => {
  it('permissive-cors: critical only with credentials and any origin', async () => {
    const got = await severities('express/rule-permissive-cors', 'permissive-cors');
    expect(got).toEqual(
      expect.arrayContaining([
        'src/app.ts:11 high', // cors() without options
        'src/cors-options.ts:9 critical', // origin: true + credentials
        'src/cors-options.ts:14 high', // origin '*' without credentials
        'src/cors-options.ts:21 critical', // no origin (defaults to '*') + credentials
        'src/cors-options.ts:42 critical', // allow-all callback + credentials
        'src/cors-options.ts:27 high', // unanchored pattern: never critical
        'src/headers.ts:15 critical', // echoed Origin + Access-Control-Allow-Credentials: true
        'src/headers.ts:23 high', // echoed Origin without credentials
        'src/fastify/server.ts:10 critical',
        'src/next-app/route.ts:8 critical',
      ]),
    );
  });

  it('jwt-misuse: critical for decode() deciding access and for alg none, medium for logout', async () => {
    const got = await severities('express/rule-jwt-misuse', 'jwt-misuse');
    expect(got).toEqual(
      expect.arrayContaining([
        'src/auth.ts:10 critical', // jwt.decode in an if
        'src/auth.ts:27 critical', // 'none' allowed
        'src/auth.ts:19 high', // public key, no algorithms
        'src/auth.ts:36 high', // ignoreExpiration
        'src/tokens.ts:9 high', // no expiry
        'src/app.ts:18 medium', // logout that revokes nothing
      ]),
    );
  });
});
