/**
 * `--changed-since <ref>` against a temporary git repository made here: only findings in files
 * changed since the ref (committed, staged, unstaged or untracked) are reported, while the
 * analysis still sees the whole project (a router's full path comes from an unchanged app.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { removeTempDirs, runInProcess, tempProject } from './helpers/cli-harness';
import { onlyRules } from './helpers/only-rules';

afterAll(removeTempDirs);

const APP = [
  "import express from 'express';",
  "import { users } from './routes/users';",
  'const app = express();',
  'function requireAuth(req: any, res: any, next: any) { if (!req.user) return res.sendStatus(401); next(); }',
  "app.use('/api/users', users);",
  "app.use('/api/admin', requireAuth, admin);",
  "app.put('/settings', (req, res) => { res.sendStatus(204); });",
  'app.listen(3000);',
  '',
].join('\n');

const USERS = ["import { Router } from 'express';", 'export const users = Router();', "users.delete('/:id', (req, res) => { res.sendStatus(204); });", ''].join('\n');

const ADMIN_ROUTES = ["import { Router } from 'express';", 'export const admin = Router();', "admin.post('/reset', (req, res) => { res.sendStatus(204); });", ''].join('\n');

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=RouteGuard Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A committed repository: the app at the top level, or under `sub` when given. */
function repo(sub = ''): { repo: string; root: string } {
  const prefix = sub ? `${sub}/` : '';
  const dir = tempProject({
    [`${prefix}package.json`]: '{"name":"demo","dependencies":{"express":"5.0.0"}}\n',
    [`${prefix}routeguard.config.json`]: onlyRules(['missing-auth']),
    [`${prefix}src/app.ts`]: APP.replace("import { users } from './routes/users';", "import { users } from './routes/users';\nimport { admin } from './routes/admin';"),
    [`${prefix}src/routes/users.ts`]: USERS,
    [`${prefix}src/routes/admin.ts`]: ADMIN_ROUTES,
    '.gitignore': 'ignored/\n',
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  return { repo: dir, root: path.join(dir, sub) };
}

async function reported(cwd: string, ...argv: string[]) {
  const run = await runInProcess(['analyze', '--format', 'json', ...argv], { cwd, analyze: analyzeProject });
  const findings = JSON.parse(run.stdout || '{"findings":[]}').findings as { ruleId: string; file: string; message: string }[];
  return { ...run, findings: findings.map((f) => `${f.file} ${f.message.split(' ').slice(0, 2).join(' ')}`) };
}

describe('--changed-since', () => {
  it('reports only findings in changed files, with full paths from the unchanged app.ts', async () => {
    const { root } = repo();
    expect((await reported(root)).findings).toEqual(['src/app.ts PUT /settings', 'src/routes/users.ts DELETE /api/users/:id']);

    // Nothing changed yet: nothing reported, exit 0.
    const clean = await reported(root, '--changed-since', 'HEAD');
    expect(clean.findings).toEqual([]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');

    fs.appendFileSync(path.join(root, 'src/routes/users.ts'), "users.patch('/:id', (req, res) => { res.sendStatus(204); });\n");
    const changed = await reported(root, '--changed-since', 'HEAD');
    expect(changed.findings).toEqual(['src/routes/users.ts DELETE /api/users/:id', 'src/routes/users.ts PATCH /api/users/:id']);
    expect(changed.code).toBe(1);
  });

  it('counts committed, staged and untracked changes, but not ignored files', async () => {
    const { root } = repo();
    const base = git(root, 'rev-parse', 'HEAD').trim();
    fs.appendFileSync(path.join(root, 'src/routes/users.ts'), '// touched\n');
    git(root, 'commit', '-q', '-am', 'touch users');
    fs.writeFileSync(path.join(root, 'src/extra.ts'), "import express from 'express';\nconst x = express();\nx.post('/extra', (req, res) => { res.sendStatus(201); });\n");
    fs.mkdirSync(path.join(root, 'ignored'));
    fs.writeFileSync(path.join(root, 'ignored/also.ts'), "import express from 'express';\nconst y = express();\ny.post('/ignored', (req, res) => { res.sendStatus(201); });\n");
    const run = await reported(root, '--changed-since', base);
    expect(run.findings).toEqual(['src/extra.ts POST /extra', 'src/routes/users.ts DELETE /api/users/:id']);
    expect((await reported(root, '--changed-since', 'HEAD')).findings).toEqual(['src/extra.ts POST /extra']);
  });

  it('a guard removed from a mount in a changed file reports the routes it exposes (related location)', async () => {
    const { root } = repo();
    const app = path.join(root, 'src/app.ts');
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace("app.use('/api/admin', requireAuth, admin);", "app.use('/api/admin', admin);"));
    const run = await reported(root, '--changed-since', 'HEAD');
    expect(run.findings).toEqual(['src/app.ts PUT /settings', 'src/routes/admin.ts POST /api/admin/reset', 'src/routes/users.ts DELETE /api/users/:id']);
  });

  it('works for a project in a subdirectory of the repository, from anywhere', async () => {
    const { repo: top, root } = repo('services/api');
    fs.appendFileSync(path.join(root, 'src/routes/users.ts'), "users.patch('/:id', (req, res) => { res.sendStatus(204); });\n");
    fs.writeFileSync(path.join(top, 'other.ts'), 'export const unrelated = 1;\n');
    const fromTop = await reported(top, 'services/api', '--changed-since', 'HEAD');
    expect(fromTop.findings).toEqual(['services/api/src/routes/users.ts DELETE /api/users/:id', 'services/api/src/routes/users.ts PATCH /api/users/:id']);
    const fromRoot = await reported(root, '--changed-since', 'HEAD', '--verbose');
    expect(fromRoot.findings).toEqual(['src/routes/users.ts DELETE /api/users/:id', 'src/routes/users.ts PATCH /api/users/:id']);
    expect(fromRoot.stderr).toContain('routeguard: .: 1 file(s) changed since HEAD; reporting 2 of 3 finding(s)\n');
  });

  it('a file name with spaces or unusual characters still matches', async () => {
    const { root } = repo();
    fs.writeFileSync(path.join(root, 'src/my routes ü.ts'), "import express from 'express';\nconst x = express();\nx.post('/odd', (req, res) => { res.sendStatus(201); });\n");
    expect((await reported(root, '--changed-since', 'HEAD')).findings).toEqual(['src/my routes ü.ts POST /odd']);
  });

  it.each([
    ['an unknown ref', ['--changed-since', 'no-such-branch'], /^routeguard: error: --changed-since: unknown git ref 'no-such-branch' \(.+\)\n$/],
    ['a ref that looks like an option', ['--changed-since=--output=/tmp/routeguard-pwned'], /^routeguard: error: --changed-since: not a git ref: '--output=\/tmp\/routeguard-pwned'\n$/],
    ['an empty ref', ['--changed-since', ''], /^routeguard: error: --changed-since: not a git ref: ''\n$/],
    ['a ref that would be a shell command', ['--changed-since', 'HEAD; touch pwned'], /^routeguard: error: --changed-since: unknown git ref 'HEAD; touch pwned'/],
  ])('%s is exit 2 with one line, before any analysis', async (_name, argv, message) => {
    const { root } = repo();
    const run = await runInProcess(['analyze', ...argv], { cwd: root, analyze: () => Promise.reject(new Error('must not analyze')) });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.calls).toHaveLength(0);
    expect(fs.existsSync(path.join(root, 'pwned'))).toBe(false);
    expect(fs.existsSync('/tmp/routeguard-pwned')).toBe(false);
  });

  it('a directory outside any git repository is exit 2 with one line', async () => {
    const dir = tempProject({ 'src/app.ts': APP });
    // The temporary directory must not sit inside a repository for this test to mean anything.
    let insideRepo = true;
    try {
      git(dir, 'rev-parse', '--is-inside-work-tree');
    } catch {
      insideRepo = false;
    }
    if (insideRepo) return;
    const run = await runInProcess(['analyze', '--changed-since', 'HEAD'], { cwd: dir, analyze: analyzeProject });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^routeguard: error: --changed-since: \. is not inside a git work tree \(.+\)\n$/);
  });

  it('cannot be combined with --write-baseline (a partial baseline would hide the rest)', async () => {
    const run = await runInProcess(['analyze', '--changed-since', 'HEAD', '--write-baseline', 'b.json'], { cwd: tempProject({}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be used with option '--changed-since <git-ref>'/);
  });
});
