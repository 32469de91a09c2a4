/**
 * No output contains a detected secret in full. A project with planted secrets (see
 * helpers/secret-leak.ts) is analyzed through the CLI in every report format and the route table;
 * each output is searched for every planted value. The language server (dist/server.js) is
 * checked the same way: diagnostics, hovers, CodeLens, code actions, the route map, its SARIF
 * export, window/logMessage, stderr and the optional log file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Hover } from 'vscode-languageserver-protocol';
import { ROUTES_REQUEST, SARIF_REQUEST } from '../server/protocol';
import { LspClient, uriOf } from './lsp/lsp-client';
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

describe('the language server shows no planted secret in full', () => {
  it('diagnostics, hovers, CodeLens, code actions, route map, SARIF export, logs', async () => {
    const logFile = path.join(project.root, '..', `${path.basename(project.root)}-server.log`);
    const client = new LspClient({ ROUTEGUARD_LOG_FILE: logFile });
    try {
      await client.initialize([project.root]);
      await client.analyzed();
      const answers: unknown[] = [];
      for (const file of project.files) {
        const abs = path.join(project.root, file);
        const uri = client.open(abs);
        const text = fs.readFileSync(abs, 'utf8');
        const diagnostics = await client.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'hardcoded-secret'), `hardcoded-secret in ${file}`);
        answers.push(diagnostics);
        for (const diagnostic of diagnostics) {
          answers.push(await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }));
        }
        // A hover at the start of every line and on each planted value.
        const lines = text.split('\n');
        const positions = lines.map((_, line) => ({ line, character: 0 }));
        for (const secret of project.secrets) {
          const line = lines.findIndex((l) => l.includes(secret));
          if (line >= 0) positions.push({ line, character: lines[line]!.indexOf(secret) + 2 });
        }
        for (const position of positions) answers.push(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position }));
        answers.push(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }));
      }
      answers.push(await client.request(ROUTES_REQUEST, {}));
      answers.push(await client.request(SARIF_REQUEST, { folderUri: uriOf(project.root) }));
      const everything = [JSON.stringify(answers), JSON.stringify([...client.publications]), JSON.stringify(client.logs), client.stderr, fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''].join('\n');
      // The checks can fail: the route map and hovers did answer, and the findings are there.
      expect(everything).toContain('hardcoded-secret');
      expect(everything).toContain('/hooks/payments');
      expect(findLeakedSecrets(everything, project.secrets)).toEqual([]);
    } finally {
      await client.shutdown();
      fs.rmSync(logFile, { force: true });
    }
  });
});
