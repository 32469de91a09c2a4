/**
 * Baselines end to end (real analyzer, CLI in-process): write one, re-run against it (exit 0),
 * survive code that moved, fail on a new finding, and refuse a missing or broken baseline file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { buildCli, removeTempDirs, runInProcess, spawnCli, tempProject, type CliRun } from './helpers/cli-harness';
import { onlyRules } from './helpers/only-rules';
import { createSarifValidator } from './helpers/sarif-validator';

afterAll(removeTempDirs);
const validateSarif = createSarifValidator();

const USERS = [
  "import { Router } from 'express';",
  'export const users = Router();',
  "users.delete('/:id', (req, res) => { res.sendStatus(204); });",
  "users.post('/', (req, res) => { res.sendStatus(201); });",
  '',
];

const APP = [
  "import express from 'express';",
  "import { users } from './users';",
  'const app = express();',
  "app.use('/api/users', users);",
  "app.put('/settings', (req, res) => { res.sendStatus(204); });",
  'app.listen(3000);',
  '',
];

function project(): string {
  return tempProject({
    'package.json': '{"name":"demo","dependencies":{"express":"5.0.0"}}\n',
    'routeguard.config.json': onlyRules(['missing-auth', 'invalid-suppression']),
    'src/app.ts': APP.join('\n'),
    'src/users.ts': USERS.join('\n'),
  });
}

const cli = (dir: string, ...argv: string[]) => runInProcess(['analyze', ...argv], { cwd: dir, analyze: analyzeProject });
const write = (dir: string, file: string, lines: string[]) => fs.writeFileSync(path.join(dir, file), lines.join('\n'));

function activeFindings(run: CliRun): string[] {
  return (JSON.parse(run.stdout).findings as { ruleId: string; file: string; line: number; message: string; suppressed?: unknown }[])
    .filter((f) => !f.suppressed)
    .map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message.split(' ').slice(0, 2).join(' ')}`);
}

describe('baseline round trip', () => {
  it('--write-baseline records every finding (exit 0); --baseline then passes, and still fails on a new finding', async () => {
    const dir = project();
    expect((await cli(dir)).code).toBe(1);

    const written = await cli(dir, '--write-baseline', '.routeguard-baseline.json');
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('routeguard: wrote 3 finding(s) to .routeguard-baseline.json; run with --baseline .routeguard-baseline.json to fail only on new findings\n');
    expect(written.stdout).toContain('No findings (3 suppressed).');
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, '.routeguard-baseline.json'), 'utf8'));
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((f: { ruleId: string; file: string; routeKey: string }) => `${f.file} ${f.ruleId} ${f.routeKey}`)).toEqual([
      'src/app.ts missing-auth PUT /settings',
      'src/users.ts missing-auth DELETE /api/users/:id',
      'src/users.ts missing-auth POST /api/users',
    ]);
    // Atomic write: no temporary file left behind.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const rerun = await cli(dir, '--baseline', '.routeguard-baseline.json', '--format', 'json');
    expect(rerun.code).toBe(0);
    expect(activeFindings(rerun)).toEqual([]);
    expect(JSON.parse(rerun.stdout).findings[0].suppressed).toEqual({ kind: 'baseline', reason: 'in the baseline' });

    // Code moved: lines inserted above, routes reordered and re-indented, a blank line added.
    write(dir, 'src/users.ts', [
      '// Users API.',
      "import { Router } from 'express';",
      '',
      'export const users = Router();',
      '',
      "users.post('/',   (req, res) => {",
      '  res.sendStatus(201);',
      '});',
      "users.delete('/:id', (req, res) => { res.sendStatus(204); });",
      '',
    ]);
    write(dir, 'src/app.ts', ['/* The app. */', '', ...APP]);
    const moved = await cli(dir, '--baseline', '.routeguard-baseline.json', '--format', 'json');
    expect(activeFindings(moved)).toEqual([]);
    expect(moved.code).toBe(0);

    // A new finding fails, and is the only one reported.
    fs.appendFileSync(path.join(dir, 'src/users.ts'), "users.patch('/:id', (req, res) => { res.sendStatus(204); });\n");
    const added = await cli(dir, '--baseline', '.routeguard-baseline.json', '--format', 'json');
    expect(added.code).toBe(1);
    expect(activeFindings(added)).toEqual(['src/users.ts:10 missing-auth PATCH /api/users/:id']);
    const text = await cli(dir, '--baseline', '.routeguard-baseline.json');
    expect(text.stdout).toMatch(/^1 finding: 1 (critical|high) \(3 suppressed\)$/m);
  });

  it('a second identical finding in the same file is new, not matched by the first one’s entry', async () => {
    const dir = tempProject({
      'routeguard.config.json': onlyRules(['invalid-suppression']),
      'src/a.ts': '// routeguard-ignore-next-line missing-auth\nconst a = 1;\n',
    });
    await cli(dir, '--write-baseline', 'b.json');
    fs.appendFileSync(path.join(dir, 'src/a.ts'), '// routeguard-ignore-next-line missing-auth\nconst b = 1;\n');
    const run = await cli(dir, '--baseline', 'b.json', '--format', 'json', '--fail-on', 'low');
    expect(activeFindings(run)).toEqual(['src/a.ts:3 invalid-suppression routeguard-ignore-next-line missing-auth']);
    expect(run.code).toBe(1);
  });

  it('rewriting with --baseline and --write-baseline drops entries that no longer match', async () => {
    const dir = project();
    await cli(dir, '--write-baseline', 'b.json');
    write(dir, 'src/app.ts', APP.filter((line) => !line.includes('/settings')));
    const verbose = await cli(dir, '--baseline', 'b.json', '--verbose', '--format', 'json');
    expect(verbose.stderr).toContain('routeguard: baseline b.json: 2 of 3 entries matched a finding\n');
    await cli(dir, '--baseline', 'b.json', '--write-baseline', 'b.json', '--quiet');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).findings).toHaveLength(2);
  });

  it('inline-suppressed findings stay out of the baseline', async () => {
    const dir = project();
    write(dir, 'src/app.ts', APP.map((line) => (line.includes('/settings') ? `// routeguard-ignore-next-line missing-auth -- reviewed\n${line}` : line)));
    await cli(dir, '--write-baseline', 'b.json');
    const entries = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).findings;
    expect(entries.map((e: { routeKey: string }) => e.routeKey)).toEqual(['DELETE /api/users/:id', 'POST /api/users']);
  });

  it('SARIF marks baselined findings with an external suppression', async () => {
    const dir = project();
    await cli(dir, '--write-baseline', 'b.json');
    const run = await cli(dir, '--baseline', 'b.json', '--format', 'sarif');
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { suppressions: unknown }) => r.suppressions)).toEqual(Array(3).fill([{ kind: 'external', justification: 'in the baseline' }]));
  });
});

describe('baseline errors: exit 2, one line, before any analysis', () => {
  const cases: [string, string | undefined, RegExp][] = [
    ['missing', undefined, /^routeguard: error: baseline file not found: b\.json\n$/],
    ['not JSON', '{ "version": 1, ', /^routeguard: error: b\.json: invalid JSON in baseline file \(.+\)\n$/],
    ['wrong version', '{ "version": 2, "findings": [] }', /^routeguard: error: b\.json: not a valid baseline file: version: expected 1, got 2\n$/],
    ['wrong shape', '{ "version": 1, "findings": [{ "ruleId": "missing-auth" }] }', /^routeguard: error: b\.json: not a valid baseline file: findings\.0: expected \{ ruleId, file, fingerprint \}\n$/],
  ];
  it.each(cases)('%s', async (_name, content, message) => {
    const dir = project();
    if (content !== undefined) fs.writeFileSync(path.join(dir, 'b.json'), content);
    const run = await runInProcess(['analyze', '--baseline', 'b.json'], { cwd: dir, analyze: () => Promise.reject(new Error('must not analyze')) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.calls).toHaveLength(0);
  });

  it('an unwritable --write-baseline target is a one-line error', async () => {
    const run = await cli(project(), '--write-baseline', 'no/such/dir/b.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^routeguard: error: cannot write .*b\.json: ENOENT\n$/);
  });
});

describe('end to end (node cli.js)', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
  }, 120_000);

  it('writes a baseline, passes against it, fails on a new finding, and refuses a broken one', () => {
    const dir = project();
    const written = spawnCli(cli, ['analyze', '--write-baseline', '.routeguard-baseline.json', '--quiet'], { cwd: dir });
    expect(written).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(spawnCli(cli, ['analyze', '--baseline', '.routeguard-baseline.json'], { cwd: dir }).code).toBe(0);
    fs.appendFileSync(path.join(dir, 'src/users.ts'), "users.patch('/:id', (req, res) => { res.sendStatus(204); });\n");
    const added = spawnCli(cli, ['analyze', '--baseline', '.routeguard-baseline.json', '--quiet'], { cwd: dir });
    expect(added.code).toBe(1);
    expect(added.stdout).toMatch(/^src\/users\.ts\n {2}5:1 +\w+ +PATCH \/api\/users\/:id .*missing-auth\n$/);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{');
    const broken = spawnCli(cli, ['analyze', '--baseline', 'broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^routeguard: error: broken\.json: invalid JSON in baseline file \(.+\)\n$/);
  }, 60_000);
});
