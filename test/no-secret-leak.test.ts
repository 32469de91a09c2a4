/**
 * No output contains a detected secret in full. A project with planted secrets (see
 * helpers/secret-leak.ts) is analyzed through the CLI in every report format and the route table;
 * each output is searched for every planted value. The language server's diagnostics are checked
 * with the same helper in the server's own tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import type { AnalysisResult } from '../analyzer/engine/result';
import { ANALYZE_FORMATS } from '../analyzer/cli/program';
import { ROUTE_FORMATS } from '../analyzer/reporters/routes-table';
import { runInProcess } from './helpers/cli-harness';
import { createSecretLeakProject, findLeakedSecrets, type SecretLeakProject } from './helpers/secret-leak';

let project: SecretLeakProject;
let result: AnalysisResult;

beforeAll(async () => {
  project = createSecretLeakProject();
  result = await analyzeProject({ root: project.root });
});

afterAll(() => project?.cleanup());

const analyze = () => Promise.resolve(result);

describe('no output contains a planted secret in full', () => {
  it('the secrets are detected (otherwise the test proves nothing)', () => {
    const secretFindings = result.findings.filter((f) => f.ruleId === 'hardcoded-secret');
    const flaggedFiles = new Set(secretFindings.map((f) => f.location.file));
    for (const file of project.files) expect(flaggedFiles, `a hardcoded-secret finding in ${file}`).toContain(file);
    // Each planted value is under some finding's location (it was detected, then masked).
    for (const secret of project.secrets) {
      const found = secretFindings.some((f) => (result.getText(f.location.file) ?? '').slice(f.location.span.start, f.location.span.end).includes(secret.slice(0, 12)));
      expect(found, `a finding covering the planted ${secret.slice(0, 8)}…`).toBe(true);
    }
    expect(result.findings.some((f) => f.ruleId === 'sensitive-logging')).toBe(true);
    expect(result.findings.some((f) => f.ruleId === 'insecure-transport')).toBe(true);
  });

  it.each(ANALYZE_FORMATS.map((f) => [f]))('routeguard analyze --format %s', async (format) => {
    const out = await runInProcess(['analyze', project.root, '--format', format, '--verbose'], { analyze });
    expect(out.stdout.length).toBeGreaterThan(0);
    expect(findLeakedSecrets(out.stdout + out.stderr, project.secrets)).toEqual([]);
  });

  it.each(ROUTE_FORMATS.map((f) => [f]))('routeguard routes --format %s', async (format) => {
    const out = await runInProcess(['routes', project.root, '--format', format], { analyze });
    expect(out.stdout.length).toBeGreaterThan(0);
    expect(findLeakedSecrets(out.stdout + out.stderr, project.secrets)).toEqual([]);
  });

  it('findings, related locations, fix titles and problems as data', () => {
    const data = JSON.stringify({ findings: result.findings.map((f) => ({ ...f, fix: f.fix && { title: f.fix.title, edits: f.fix.edits.map((e) => e.text) } })), problems: result.problems, model: result.model });
    expect(findLeakedSecrets(data, project.secrets)).toEqual([]);
  });
});
