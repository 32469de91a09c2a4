/**
 * Inline suppressions end to end (real analyzer, CLI in-process): a suppression with a reason
 * silences its finding but keeps it in JSON and SARIF; one without a reason, or naming an unknown
 * rule, suppresses nothing and is reported; unused ones are reported on request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { removeTempDirs, runInProcess, tempProject } from './helpers/cli-harness';
import { onlyRules } from './helpers/only-rules';
import { createSarifValidator } from './helpers/sarif-validator';

afterAll(removeTempDirs);
const validateSarif = createSarifValidator();

const HEAD = ["import express from 'express';", 'const app = express();'];
// missing-rate-limit stays on: suppressions below name it, and it must not fire on these routes.
const CONFIG = onlyRules(['missing-auth', 'missing-rate-limit', 'invalid-suppression', 'unused-suppression']);

function app(...lines: string[]): string {
  return tempProject({
    'package.json': '{"name":"demo","dependencies":{"express":"5.0.0"}}\n',
    'src/app.ts': [...HEAD, ...lines, 'app.listen(3000);', ''].join('\n'),
    'routeguard.config.json': CONFIG,
  });
}

interface JsonFinding {
  ruleId: string;
  line: number;
  message: string;
  suppressed?: { kind: string; reason: string };
}

async function analyze(dir: string, ...argv: string[]) {
  const r = await runInProcess(['analyze', '--format', 'json', '--fail-on', 'low', ...argv], { cwd: dir, analyze: analyzeProject });
  expect(r.stderr).toBe('');
  const findings = (JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => ({ ruleId: f.ruleId, line: f.line, suppressed: f.suppressed, message: f.message }));
  return { code: r.code, findings };
}

const DELETE_ROUTE = "app.delete('/users/:id', (req, res) => { res.sendStatus(204); });";
const POST_ROUTE = "app.post('/orders', (req, res) => { res.sendStatus(201); });";

describe('inline suppressions', () => {
  it('with a reason: the finding is kept, marked suppressed with the reason, and does not fail the run', async () => {
    const dir = app('// routeguard-ignore-next-line missing-auth -- kiosk tablets call this; the proxy checks a device cert', DELETE_ROUTE);
    const { code, findings } = await analyze(dir);
    expect(findings).toEqual([
      { ruleId: 'missing-auth', line: 4, message: expect.stringContaining('DELETE /users/:id'), suppressed: { kind: 'inline', reason: 'kiosk tablets call this; the proxy checks a device cert' } },
    ]);
    expect(code).toBe(0);
    const text = await runInProcess(['analyze', '--fail-on', 'low'], { cwd: dir, analyze: analyzeProject });
    expect(text.stdout).toContain('No findings (1 suppressed).');
    expect(text.stdout).not.toContain('missing-auth');
  });

  it('without a reason: suppresses nothing, and the comment itself is reported', async () => {
    const { code, findings } = await analyze(app('// routeguard-ignore-next-line missing-auth', DELETE_ROUTE));
    expect(findings.map((f) => [f.ruleId, f.line, f.suppressed])).toEqual([
      ['invalid-suppression', 3, undefined],
      ['missing-auth', 4, undefined],
    ]);
    expect(findings[0]!.message).toMatch(/has no reason: add " -- <why this is safe>"/);
    expect(code).toBe(1);
  });

  it('an empty reason after the separator counts as no reason', async () => {
    const { findings } = await analyze(app('// routeguard-ignore-next-line missing-auth --   ', DELETE_ROUTE));
    expect(findings.map((f) => f.ruleId)).toEqual(['invalid-suppression', 'missing-auth']);
  });

  it('naming an unknown rule: suppresses nothing, and the comment is reported', async () => {
    const { findings } = await analyze(app('// routeguard-ignore-next-line missing-auht -- typo', DELETE_ROUTE));
    expect(findings.map((f) => [f.ruleId, f.line, f.suppressed])).toEqual([
      ['invalid-suppression', 3, undefined],
      ['missing-auth', 4, undefined],
    ]);
    expect(findings[0]!.message).toContain("unknown rule 'missing-auht'");
  });

  it('naming no rule at all is reported', async () => {
    const { findings } = await analyze(app('// routeguard-ignore-next-line -- trust me', DELETE_ROUTE));
    expect(findings.map((f) => f.ruleId)).toEqual(['invalid-suppression', 'missing-auth']);
    expect(findings[0]!.message).toContain('names no rule');
  });

  it('applies to the next line only, and only to the rules it names', async () => {
    const { findings } = await analyze(
      app('// routeguard-ignore-next-line missing-rate-limit -- wrong rule for this route', DELETE_ROUTE, '// routeguard-ignore-next-line missing-auth -- reviewed', '', POST_ROUTE),
    );
    expect(findings.map((f) => [f.ruleId, f.line, f.suppressed?.kind])).toEqual([
      ['missing-auth', 4, undefined],
      ['missing-auth', 7, undefined],
    ]);
  });

  it('several rule ids in one comment, and the block-comment form', async () => {
    const { findings } = await analyze(
      app('/* routeguard-ignore-next-line missing-rate-limit, missing-auth -- reviewed in SEC-12 */', DELETE_ROUTE, '// routeguard-ignore-next-line missing-auth missing-rate-limit -- reviewed', POST_ROUTE),
    );
    expect(findings.map((f) => [f.ruleId, f.line, f.suppressed?.reason])).toEqual([
      ['missing-auth', 4, 'reviewed in SEC-12'],
      ['missing-auth', 6, 'reviewed'],
    ]);
  });

  it('routeguard-ignore-file covers every finding of that rule in the file', async () => {
    const { code, findings } = await analyze(app('// routeguard-ignore-file missing-auth -- internal admin tool, only reachable over the VPN', DELETE_ROUTE, POST_ROUTE));
    expect(findings.map((f) => [f.ruleId, f.line, f.suppressed?.kind])).toEqual([
      ['missing-auth', 4, 'inline'],
      ['missing-auth', 5, 'inline'],
    ]);
    expect(code).toBe(0);
  });
});

describe('--report-unused-suppressions', () => {
  const dir = () => app('// routeguard-ignore-next-line missing-auth -- used', DELETE_ROUTE, '// routeguard-ignore-next-line missing-auth -- nothing here any more', 'const unrelated = 1;');

  it('reports a suppression that matched no finding, with a safe fix removing it', async () => {
    const r = await runInProcess(['analyze', '--format', 'json', '--report-unused-suppressions', '--fail-on', 'low'], { cwd: dir(), analyze: analyzeProject });
    const report = JSON.parse(r.stdout);
    const unused = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'unused-suppression');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ line: 5, severity: 'low', message: expect.stringContaining('matches no finding') });
    expect(unused[0].fix).toMatchObject({ kind: 'safe' });
    expect(r.code).toBe(1);
  });

  it('is silent without the flag', async () => {
    const { code, findings } = await analyze(dir());
    expect(findings.map((f) => f.ruleId)).toEqual(['missing-auth']);
    expect(code).toBe(0);
  });

  it('can itself be turned off in config', async () => {
    const d = tempProject({
      'package.json': '{"name":"demo"}\n',
      'routeguard.config.json': onlyRules(['missing-auth', 'invalid-suppression']),
      'src/app.ts': [...HEAD, '// routeguard-ignore-next-line missing-auth -- nothing here any more', 'const unrelated = 1;', ''].join('\n'),
    });
    const { findings } = await analyze(d, '--report-unused-suppressions');
    expect(findings).toEqual([]);
  });
});

describe('SARIF', () => {
  it('suppressed findings appear with `suppressions` (inSource, with the reason as justification)', async () => {
    const dir = app('// routeguard-ignore-next-line missing-auth -- kiosk tablets call this', DELETE_ROUTE, POST_ROUTE);
    const r = await runInProcess(['analyze', '--format', 'sarif'], { cwd: dir, analyze: analyzeProject });
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    const byLine = results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.region.startLine, x.suppressions]);
    expect(byLine).toEqual([
      ['missing-auth', 4, [{ kind: 'inSource', justification: 'kiosk tablets call this' }]],
      ['missing-auth', 5, undefined],
    ]);
    expect(r.code).toBe(1);
  });
});
