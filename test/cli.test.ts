import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../analyzer/errors';
import type { AnalysisResult } from '../analyzer/engine/result';
import { fakeResult, finding, locate } from './helpers/fake-result';
import { sampleResult } from './helpers/sample-result';
import { buildCli, REPO, removeTempDirs, runInProcess, spawnCli, tempProject, type CliRun } from './helpers/cli-harness';
import { createSarifValidator } from './helpers/sarif-validator';

const validateSarif = createSarifValidator();
afterAll(removeTempDirs);
const STACK_LINE = /^\s+at /m;

/** Exactly one line on stderr, prefixed, with no stack trace. */
function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^routeguard: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(STACK_LINE);
}

function withSeverities(...severities: ('critical' | 'high' | 'medium' | 'low' | 'suppressed-critical')[]): AnalysisResult {
  const text = 'const a = 1;\n'.repeat(severities.length);
  return fakeResult({
    files: { 'src/a.ts': text },
    findings: severities.map((s, i) =>
      s === 'suppressed-critical'
        ? finding('hardcoded-secret', 'critical', locate('src/a.ts', text, 'const', i), { suppressed: { kind: 'inline', reason: 'test key' } })
        : finding(`rule-${s}`, s, locate('src/a.ts', text, 'const', i)),
    ),
  });
}

const project = tempProject({ 'README.md': 'placeholder\n' });
const inProject = (result: AnalysisResult | (() => AnalysisResult)) => ({
  cwd: project,
  analyze: async () => (typeof result === 'function' ? result() : result),
});

describe('analyze: exit codes (in-process)', () => {
  it('exits 1 when a finding is at or above the default threshold (high)', async () => {
    expect((await runInProcess(['analyze'], inProject(withSeverities('high', 'low')))).code).toBe(1);
    expect((await runInProcess(['analyze'], inProject(withSeverities('medium', 'low')))).code).toBe(0);
  });

  it('honours --fail-on', async () => {
    const result = withSeverities('medium');
    expect((await runInProcess(['analyze', '--fail-on', 'medium'], inProject(result))).code).toBe(1);
    expect((await runInProcess(['analyze', '--fail-on', 'low'], inProject(result))).code).toBe(1);
    expect((await runInProcess(['analyze', '--fail-on', 'critical'], inProject(result))).code).toBe(0);
    expect((await runInProcess(['analyze', '--fail-on', 'none'], inProject(withSeverities('critical')))).code).toBe(0);
  });

  it('never counts suppressed findings', async () => {
    const run = await runInProcess(['analyze', '--fail-on', 'low'], inProject(withSeverities('suppressed-critical')));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No findings (1 suppressed).');
    expect(run.stdout).not.toContain('hardcoded-secret');
  });

  it('exits 0 with no findings', async () => {
    expect((await runInProcess(['analyze', '--fail-on', 'low'], inProject(fakeResult()))).code).toBe(0);
  });
});

describe('analyze: formats and output (in-process)', () => {
  it('prints the text report by default, without colour when stdout is not a terminal', async () => {
    const run = await runInProcess(['analyze'], inProject(sampleResult));
    expect(run.stdout).toContain('src/app.ts\n  3:13  low');
    expect(run.stdout).toContain('Fix first:');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('colours only on a terminal or with FORCE_COLOR, and never with NO_COLOR', async () => {
    const colored = (r: CliRun) => r.stdout.includes('\u001b[');
    expect(colored(await runInProcess(['analyze'], { ...inProject(sampleResult), isTTY: true }))).toBe(true);
    expect(colored(await runInProcess(['analyze'], { ...inProject(sampleResult), isTTY: true, env: { NO_COLOR: '1' } }))).toBe(false);
    expect(colored(await runInProcess(['analyze'], { ...inProject(sampleResult), env: { FORCE_COLOR: '1' } }))).toBe(true);
    expect(colored(await runInProcess(['analyze'], { ...inProject(sampleResult), isTTY: true, env: { TERM: 'dumb' } }))).toBe(false);
  });

  it('prints JSON', async () => {
    const run = await runInProcess(['analyze', '--format', 'json'], inProject(sampleResult));
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({ critical: 1, suppressed: 2 });
  });

  it('prints valid SARIF', async () => {
    const run = await runInProcess(['analyze', '-f', 'sarif'], inProject(sampleResult));
    expect(validateSarif(JSON.parse(run.stdout))).toEqual([]);
  });

  it('--verbose lists every problem', async () => {
    const problems = Array.from({ length: 7 }, (_, i) => ({ file: `f${i}.ts`, span: undefined, kind: 'parse-error', message: `bad ${i}` }));
    const result = fakeResult({ problems });
    expect((await runInProcess(['analyze'], inProject(result))).stdout).not.toContain('bad 6');
    expect((await runInProcess(['analyze', '--verbose'], inProject(result))).stdout).toContain('bad 6');
  });

  it('--output writes the report atomically and nothing to stdout', async () => {
    const dir = tempProject({ 'old.sarif': 'old report' });
    const run = await runInProcess(['analyze', '--format', 'sarif', '--output', 'old.sarif'], { ...inProject(sampleResult), cwd: dir, isTTY: true });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(validateSarif(JSON.parse(fs.readFileSync(path.join(dir, 'old.sarif'), 'utf8')))).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(['old.sarif']);
  });

  it('--output never writes colour codes', async () => {
    const dir = tempProject({});
    await runInProcess(['analyze', '-o', 'report.txt'], { ...inProject(sampleResult), cwd: dir, env: { FORCE_COLOR: '1' } });
    const text = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(text).toContain('Fix first:');
    expect(text).not.toContain('\u001b[');
  });

  it('a report that cannot be written is a one-line error', async () => {
    const run = await runInProcess(['analyze', '-o', 'no/such/dir/report.json'], inProject(sampleResult));
    expectOneLineError(run, /^routeguard: error: cannot write .*report\.json: ENOENT/);
  });
});

describe('analyze: paths and config (in-process)', () => {
  it('analyzes the current directory by default and passes --config through', async () => {
    const run = await runInProcess(['analyze', '--config', 'rg.json'], inProject(fakeResult()));
    expect(run.calls).toHaveLength(1);
    expect(run.calls[0]).toMatchObject({ root: project, configPath: 'rg.json' });
  });

  it('analyzes several roots one after another and merges with path prefixes', async () => {
    const repo = tempProject({ 'services/a/x': '', 'services/b/x': '' });
    const run = await runInProcess(['analyze', 'services/b', 'services/a', '--format', 'json'], {
      cwd: repo,
      analyze: async () => withSeverities('high'),
    });
    expect(run.calls.map((c) => path.relative(repo, c.root))).toEqual([path.join('services', 'b'), path.join('services', 'a')]);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['services/a/src/a.ts', 'services/b/src/a.ts']);
    expect(run.code).toBe(1);
  });

  it('a root outside the current directory keeps its own relative paths', async () => {
    const elsewhere = tempProject({});
    const run = await runInProcess(['analyze', elsewhere, '--format', 'json'], { cwd: project, analyze: async () => withSeverities('low') });
    expect(JSON.parse(run.stdout).findings[0].file).toBe('src/a.ts');
    expect(run.stdout).not.toContain(elsewhere);
  });

  it('checks every path before analyzing any', async () => {
    const run = await runInProcess(['analyze', '.', 'missing-dir'], inProject(fakeResult()));
    expectOneLineError(run, /^routeguard: error: path not found: missing-dir\n$/);
    expect(run.calls).toHaveLength(0);
    expectOneLineError(await runInProcess(['analyze', 'README.md'], inProject(fakeResult())), /not a directory: README\.md/);
  });

  it('turns UsageError and ConfigError into one line', async () => {
    const usage = await runInProcess(['analyze'], { cwd: project, analyze: () => Promise.reject(new UsageError('bad\nthing')) });
    expectOneLineError(usage, /^routeguard: error: bad thing\n$/);
    const config = await runInProcess(['analyze'], { cwd: project, analyze: () => Promise.reject(new ConfigError('rg.json: rules.x: expected a severity')) });
    expectOneLineError(config, /^routeguard: error: rg\.json: rules\.x: expected a severity\n$/);
  });

  it('reports any other exception as an internal error on one line', async () => {
    const run = await runInProcess(['analyze'], { cwd: project, analyze: () => Promise.reject(new TypeError('x is undefined')) });
    expectOneLineError(run, /^routeguard: internal error: x is undefined\n$/);
  });
});

describe('usage errors (in-process)', () => {
  const cases: [string[], RegExp][] = [
    [['analyze', '--foo'], /^routeguard: error: unknown option '--foo'\n$/],
    [['analyze', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are text, json, sarif\./],
    [['analyze', '--format'], /argument missing/],
    [['analyze', '--fail-on', 'severe'], /argument 'severe' is invalid/],
    [['analyze', '--fromat', 'json'], /unknown option '--fromat' \(Did you mean --format\?\)/],
    [['routes', '--format', 'xml'], /Allowed choices are table, md, json, csv\./],
    [['routes', 'a', 'b'], /too many arguments/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--foo'], /unknown option '--foo'/],
    [[], /missing command/],
  ];
  it.each(cases)('%j → exit 2 with one line', async (argv, pattern) => {
    const run = await runInProcess(argv, inProject(fakeResult()));
    expectOneLineError(run, pattern);
    expect(run.stdout).toBe('');
    expect(run.calls).toHaveLength(0);
  });

  it('--help and --version print to stdout and exit 0', async () => {
    const help = await runInProcess(['analyze', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: routeguard analyze [options] [paths...]');
    expect(help.stdout).toContain('--fail-on <severity>');
    const version = await runInProcess(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('routes (in-process)', () => {
  it('prints the access matrix in each format and exits 0', async () => {
    const table = await runInProcess(['routes'], inProject(sampleResult));
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^METHOD\s+PATH\s+LOCATION\s+AUTH\s+ROLES\s+VALIDATION\s+RATE LIMIT\s+FRAMEWORK\s+CERTAINTY$/);
    expect((await runInProcess(['routes', '-f', 'md'], inProject(sampleResult))).stdout).toMatch(/^\| method \| path \|/);
    expect((await runInProcess(['routes', '-f', 'csv'], inProject(sampleResult))).stdout).toMatch(/^method,path,location/);
    expect(JSON.parse((await runInProcess(['routes', '-f', 'json'], inProject(sampleResult))).stdout).routes).toHaveLength(6);
  });

  it('writes to --output', async () => {
    const dir = tempProject({});
    const run = await runInProcess(['routes', '-f', 'csv', '-o', 'routes.csv'], { ...inProject(sampleResult), cwd: dir });
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'routes.csv'), 'utf8')).toMatch(/^method,path/);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the bundled CLI as a child process, with the real analyzer.

const APP = [
  "import express from 'express';",
  'const app = express();',
  'function requireAuth(req: any, res: any, next: any) { if (!req.user) return res.sendStatus(401); next(); }',
  "app.get('/health', (req, res) => res.send('ok'));",
  "app.delete('/users/:id', (req, res) => { res.sendStatus(204); });",
  "app.get('/me', requireAuth, (req, res) => res.json(req.user));",
  'app.listen(3000);',
  '',
].join('\n');

const CLEAN_APP = ["import express from 'express';", 'const app = express();', "app.get('/health', (req, res) => res.send('ok'));", ''].join('\n');

// Each test spawns the CLI one or more times; a busy CI machine can take seconds per spawn.
describe('end to end (node cli.js)', { timeout: 60_000 }, () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
  }, 120_000);

  const vulnerable = tempProject({ 'package.json': '{"name":"demo","dependencies":{"express":"5.0.0"}}\n', 'src/app.ts': APP });
  const clean = tempProject({ 'package.json': '{"name":"clean","dependencies":{"express":"5.0.0"}}\n', 'src/app.ts': CLEAN_APP });

  it('text: exit 1 with the finding, exit 0 with --fail-on none', () => {
    const run = spawnCli(cli, ['analyze'], { cwd: vulnerable });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // Other rules may report lines of the same file before it (e.g. missing-security-headers at line 2).
    expect(run.stdout).toMatch(/src\/app\.ts\n(?: +\d+:\d+ .*\n)*\s+5:1\s+\w+\s+DELETE \/users\/:id .*missing-auth/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(spawnCli(cli, ['analyze', '--fail-on', 'none'], { cwd: vulnerable }).code).toBe(0);
  });

  it('exit 0 on a project without findings', () => {
    const run = spawnCli(cli, ['analyze', clean], { cwd: REPO });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('json and sarif on stdout; paths relative to the current directory', () => {
    const parent = path.dirname(vulnerable);
    const name = path.basename(vulnerable);
    const json = spawnCli(cli, ['analyze', name, '--format', 'json'], { cwd: parent });
    const report = JSON.parse(json.stdout);
    expect(report.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toContain(`${name}/src/app.ts missing-auth`);
    const sarif = spawnCli(cli, ['analyze', '--format', 'sarif'], { cwd: vulnerable });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(sarif.stdout).not.toContain(vulnerable);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/app.ts');
  });

  it('--output writes the file', () => {
    const out = path.join(tempProject({}), 'routeguard.sarif');
    const run = spawnCli(cli, ['analyze', '--format', 'sarif', '--output', out], { cwd: vulnerable });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(validateSarif(JSON.parse(fs.readFileSync(out, 'utf8')))).toEqual([]);
  });

  it('routes prints the access matrix', () => {
    const run = spawnCli(cli, ['routes', '--format', 'csv'], { cwd: vulnerable });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n').slice(1, 4)).toEqual([
      'GET,/health,src/app.ts:4,public,none,no,none,express,resolved',
      'GET,/me,src/app.ts:6,requireAuth,none,no,none,express,resolved',
      'DELETE,/users/:id,src/app.ts:5,public,none,no,none,express,resolved',
    ]);
  });

  it.each([
    [['analyze', '--foo'], /unknown option '--foo'/],
    [['analyze', 'does-not-exist'], /path not found: does-not-exist/],
    [['analyze', '--format', 'xml'], /argument 'xml' is invalid/],
    [['analyze', '--config', 'nope.json'], /config file not found: nope\.json/],
    [[], /missing command/],
  ])('%j → exit 2, one line on stderr, no stack trace', (argv, pattern) => {
    expectOneLineError(spawnCli(cli, argv, { cwd: vulnerable }), pattern);
  });

  it('a broken config file is a one-line error', () => {
    const dir = tempProject({ 'routeguard.config.json': '{ "rules": { "missing-auth": "severe" } }', 'src/app.ts': APP });
    expectOneLineError(spawnCli(cli, ['analyze'], { cwd: dir }), /^routeguard: error: .*routeguard\.config\.json/);
    const syntax = tempProject({ 'routeguard.config.json': '{ nope', 'src/app.ts': APP });
    expectOneLineError(spawnCli(cli, ['analyze'], { cwd: syntax }), /^routeguard: error: /);
  });

  it.skipIf(!fs.existsSync(path.join(REPO, 'examples', 'ops-api')))('analyzes examples/ops-api from the repository root', () => {
    const run = spawnCli(cli, ['analyze', 'examples/ops-api', '--format', 'sarif'], { cwd: REPO });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\/ops-api\//);
    expect(spawnCli(cli, ['routes', 'examples/ops-api'], { cwd: REPO }).code).toBe(0);
  });
});
