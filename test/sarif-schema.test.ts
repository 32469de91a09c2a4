import { describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import { toSarif, formatSarif } from '../analyzer/reporters/sarif';
import type { ToolInfo } from '../analyzer/reporters/tool';
import { fakeResult, fakeRule, finding, locate } from './helpers/fake-result';
import { sampleResult, APP, APP_FILE } from './helpers/sample-result';
import { createSarifValidator } from './helpers/sarif-validator';

const validate = createSarifValidator();
const TOOL: ToolInfo = { name: 'RouteGuard', version: '9.9.9', informationUri: 'https://github.com/routeguard/routeguard' };

function run(log: Sarif.Log): Sarif.Run {
  return log.runs[0]!;
}

describe('SARIF reporter against the official 2.1.0 schema', () => {
  it('the validator rejects an invalid log (the schema is really applied)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).not.toHaveLength(0);
    expect(validate({ version: '2.0.0', runs: [] })).not.toHaveLength(0);
    const log = toSarif(sampleResult(), TOOL);
    (run(log).results![0] as { level: string }).level = 'critical';
    expect(validate(log).map((e) => e.instancePath)).toContain('/runs/0/results/0/level');
  });

  it('a full result (fixes, related locations, suppressions, problems) is valid', () => {
    expect(validate(toSarif(sampleResult(), TOOL))).toEqual([]);
  });

  it('an empty result is valid', () => {
    const log = toSarif(fakeResult(), TOOL);
    expect(validate(log)).toEqual([]);
    expect(run(log).results).toEqual([]);
  });

  it('survives JSON round trip unchanged and is deterministic', () => {
    const text = formatSarif(sampleResult(), TOOL);
    expect(JSON.parse(text)).toEqual(toSarif(sampleResult(), TOOL));
    expect(formatSarif(sampleResult(), TOOL)).toBe(text);
  });
});

describe('SARIF content for GitHub code scanning', () => {
  const log = toSarif(sampleResult(), TOOL);
  const driver = run(log).tool.driver;

  it('describes the driver and its rules sorted by id', () => {
    expect(driver.name).toBe('RouteGuard');
    expect(driver.version).toBe('9.9.9');
    expect(driver.informationUri).toBe('https://github.com/routeguard/routeguard');
    const ids = (driver.rules ?? []).map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('puts tags, security-severity and precision on each rule', () => {
    const rule = driver.rules!.find((r) => r.id === 'missing-auth')!;
    expect(rule.shortDescription?.text).toBe('Summary of missing-auth.');
    expect(rule.helpUri).toBe('https://github.com/routeguard/routeguard/blob/main/docs/rules/missing-auth.md');
    expect(rule.defaultConfiguration?.level).toBe('error');
    expect(rule.properties).toEqual({
      tags: ['security', 'external/cwe/cwe-306', 'owasp-api/API2:2023', 'owasp-api/API5:2023'],
      'security-severity': '8.0',
      precision: 'high',
    });
    const levels = Object.fromEntries(driver.rules!.map((r) => [r.id, [r.defaultConfiguration?.level, r.properties?.['security-severity']]]));
    expect(levels).toMatchObject({
      'hardcoded-secret': ['error', '9.5'],
      'unvalidated-input': ['warning', '5.5'],
      'missing-security-headers': ['note', '3.0'],
    });
  });

  it('maps each finding to a result with level, region, fingerprint and ruleIndex', () => {
    const results = run(log).results!;
    const secret = results.find((r) => r.ruleId === 'hardcoded-secret' && !r.suppressions)!;
    expect(secret.level).toBe('error');
    expect(driver.rules![secret.ruleIndex!]!.id).toBe('hardcoded-secret');
    expect(secret.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 4, startColumn: 17, endLine: 4, endColumn: 39 },
        },
      },
    ]);
    expect(secret.partialFingerprints).toEqual({ 'routeguard/v1': 'hardcoded-secret:3b1f' });
    const low = results.find((r) => r.ruleId === 'missing-security-headers')!;
    expect(low.level).toBe('note');
  });

  it('sorts results by uri, line, column and rule id', () => {
    const keys = run(log).results!.map((r) => {
      const p = r.locations![0]!.physicalLocation!;
      return [p.artifactLocation!.uri!, p.region!.startLine!, p.region!.startColumn!, r.ruleId!] as const;
    });
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
    expect(keys).toEqual(sorted);
    expect(keys[0]![0]).toBe('.env');
  });

  it('turns fix edits into artifactChanges with deleted regions', () => {
    const secret = run(log).results!.find((r) => r.ruleId === 'hardcoded-secret' && !r.suppressions)!;
    expect(secret.fixes).toEqual([
      {
        description: { text: 'Read AWS_KEY from process.env' },
        artifactChanges: [
          {
            artifactLocation: { uri: '.env.example', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, insertedContent: { text: 'AWS_KEY=\n' } }],
          },
          {
            artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { startLine: 4, startColumn: 17, endLine: 4, endColumn: 39 }, insertedContent: { text: 'process.env.AWS_KEY' } },
            ],
          },
        ],
      },
    ]);
  });

  it('keeps suppressed findings with their suppression kind', () => {
    const suppressed = run(log).results!.filter((r) => r.suppressions);
    expect(suppressed.map((r) => [r.ruleId, r.suppressions])).toEqual([
      ['hardcoded-secret', [{ kind: 'external', justification: 'accepted in baseline 2024-05-01' }]],
      ['missing-auth', [{ kind: 'inSource', justification: 'public dashboard' }]],
    ]);
  });

  it('lists related locations with ids and messages', () => {
    const rate = run(log).results!.find((r) => r.ruleId === 'missing-rate-limit')!;
    expect(rate.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'app created here' },
        physicalLocation: {
          artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 13, endLine: 3, endColumn: 22 },
        },
      },
    ]);
  });

  it('reports every problem as a tool execution notification', () => {
    const invocation = run(log).invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications!.map((n) => [n.level, n.descriptor?.id, n.message.text, n.locations?.[0]?.physicalLocation?.region?.startLine])).toEqual([
      ['warning', 'limit', 'Stopped after 50000 files.', undefined],
      ['warning', 'unresolved-import', "Cannot resolve './auth'.", undefined],
      ['warning', 'parse-error', 'Variable declaration expected.', 1],
    ]);
    expect(run(log).originalUriBaseIds?.['%SRCROOT%']).toBeDefined();
  });

  it('never contains an absolute path', () => {
    const text = JSON.stringify(log);
    expect(text).not.toContain('/abs/project');
    expect(text).not.toMatch(/"uri":\s*"(\/|[A-Za-z]:|file:)/);
  });

  it('percent-encodes paths that are not valid URI references', () => {
    const file = 'app/users/[id] copy/route.ts';
    const text = 'export function GET() {}\n';
    const result = fakeResult({
      files: { [file]: text },
      rules: [fakeRule('missing-auth')],
      findings: [finding('missing-auth', 'high', locate(file, text, 'GET'))],
    });
    const out = toSarif(result, TOOL);
    expect(validate(out)).toEqual([]);
    expect(run(out).results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('app/users/%5Bid%5D%20copy/route.ts');
  });

  it('describes a rule that produced findings but is missing from result.rules', () => {
    const result = fakeResult({ files: { [APP_FILE]: APP }, findings: [finding('ghost-rule', 'low', locate(APP_FILE, APP, 'express()'))] });
    const out = toSarif(result, TOOL);
    expect(validate(out)).toEqual([]);
    expect(run(out).tool.driver.rules!.map((r) => r.id)).toEqual(['ghost-rule']);
    expect(run(out).results![0]!.ruleIndex).toBe(0);
  });
});
