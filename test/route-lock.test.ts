/**
 * The route lockfile: `routes --write` records each route's access controls; `routes --check`
 * fails with a readable diff on every kind of weakening (added, removed, became public, lost
 * validation, lost or changed role check, lost rate limit) and passes on a strengthening, with a
 * note to refresh the lock. Unit tests over the comparison, then the CLI with the real analyzer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { compareRouteLock, formatLockComparison, parseRouteLock, type LockedRoute, type RouteLock } from '../analyzer/lock/route-lock';
import { removeTempDirs, runInProcess, tempProject } from './helpers/cli-harness';

afterAll(removeTempDirs);

const route = (method: string, p: string, extra: Partial<LockedRoute> = {}): LockedRoute => ({ method, path: p, auth: [], roles: [], validated: false, rateLimited: false, ...extra });
const lock = (...routes: LockedRoute[]): RouteLock => ({ version: 1, routes });

const ITEMS = route('POST', '/items', { auth: ['requireAuth'], validated: true });
const LOGIN = route('POST', '/login', { validated: true, rateLimited: true });
const ADMIN = route('DELETE', '/users/:id', { auth: ['requireAuth'], roles: ['requireRole(admin)'] });
const BEFORE = lock(ITEMS, LOGIN, ADMIN);

function check(after: RouteLock) {
  const result = compareRouteLock(BEFORE, after);
  return { failed: result.failed, text: formatLockComparison(result, 'routes.lock.json') };
}

describe('compareRouteLock', () => {
  it('passes when nothing changed', () => {
    expect(check(BEFORE)).toEqual({ failed: false, text: 'routes.lock.json: every route matches the lockfile.' });
  });

  it.each([
    ['an added route', lock(ITEMS, LOGIN, ADMIN, route('GET', '/export')), '+ GET /export  new route (PUBLIC, unvalidated)'],
    ['a removed route', lock(ITEMS, LOGIN), '- DELETE /users/:id  route removed'],
    ['a route that became public', lock({ ...ITEMS, auth: [] }, LOGIN, ADMIN), '! POST /items  weakened: became public (was requireAuth)'],
    ['a route that lost its validation', lock({ ...ITEMS, validated: false }, LOGIN, ADMIN), '! POST /items  weakened: lost its input validation'],
    ['a route that lost its role check', lock(ITEMS, LOGIN, { ...ADMIN, roles: [] }), '! DELETE /users/:id  weakened: lost its role check (requireRole(admin))'],
    ['a route whose role check changed', lock(ITEMS, LOGIN, { ...ADMIN, roles: ['requireRole(user)'] }), '! DELETE /users/:id  weakened: role check changed from requireRole(admin) to requireRole(user) (review whether access widened)'],
    ['a route that lost its rate limit', lock(ITEMS, { ...LOGIN, rateLimited: false }, ADMIN), '! POST /login  weakened: lost its rate limit'],
  ])('fails on %s, with a readable line', (_name, after, line) => {
    const { failed, text } = check(after);
    expect(failed).toBe(true);
    expect(text.split('\n')).toEqual([line, 'Review these changes, then refresh the lock with `routeguard routes --write routes.lock.json`.']);
  });

  it('lists several weakenings of one route on one line, and every change in a stable order', () => {
    const { text } = check(lock({ ...LOGIN, validated: false, rateLimited: false }, route('GET', '/a'), { ...ITEMS, auth: ['requireAuth', 'requireApiKey'] }));
    expect(text.split('\n')).toEqual([
      '- DELETE /users/:id  route removed',
      '+ GET /a  new route (PUBLIC, unvalidated)',
      '! POST /login  weakened: lost its input validation; lost its rate limit',
      'Review these changes, then refresh the lock with `routeguard routes --write routes.lock.json`.',
    ]);
  });

  it('passes on a strengthening, with a note to refresh the lock', () => {
    const { failed, text } = check(lock({ ...ITEMS, rateLimited: true }, { ...LOGIN, auth: ['requireAuth'] }, ADMIN));
    expect(failed).toBe(false);
    expect(text.split('\n')).toEqual([
      '~ POST /items  strengthened: is now rate-limited',
      '~ POST /login  strengthened: now requires requireAuth',
      'Only strengthened routes: the check passes; refresh the lock with `routeguard routes --write routes.lock.json` to record them.',
    ]);
  });

  it('a route both strengthened and weakened fails', () => {
    const result = compareRouteLock(BEFORE, lock({ ...ITEMS, validated: false, rateLimited: true }, LOGIN, ADMIN));
    expect(result.failed).toBe(true);
    expect(result.changes.map((c) => c.kind)).toEqual(['weakened', 'strengthened']);
  });

  it('escapes control characters from the analyzed code', () => {
    const { text } = check(lock(ITEMS, LOGIN, ADMIN, route('GET', '/x\u001b[2J')));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('+ GET /x\\u001b[2J');
  });

  it('parseRouteLock rejects what is not a lock', () => {
    expect(parseRouteLock(BEFORE)).toEqual(BEFORE);
    expect(parseRouteLock([])).toMatch(/version: expected 1/);
    expect(parseRouteLock({ version: 1, routes: [{ method: 'GET', path: '/' }] })).toBe('routes.0: expected { method, path, auth[], roles[], validated, rateLimited }');
  });
});

// ---------------------------------------------------------------------------------------------
// The CLI, with the real analyzer.

const APP = [
  "import express from 'express';",
  "import rateLimit from 'express-rate-limit';",
  "import { celebrate, Joi } from 'celebrate';",
  'const app = express();',
  'const limiter = rateLimit({ windowMs: 60_000, max: 5 });',
  'function requireAuth(req: any, res: any, next: any) { if (!req.user) return res.sendStatus(401); next(); }',
  'function requireRole(role: string) { return (req: any, res: any, next: any) => { if (req.user.role !== role) return res.sendStatus(403); next(); }; }',
  'const validateItem = celebrate({ body: Joi.object({ name: Joi.string() }) });',
  "app.post('/login', limiter, validateItem, (req, res) => { res.sendStatus(200); });",
  "app.delete('/users/:id', requireAuth, requireRole('admin'), (req, res) => { res.sendStatus(204); });",
  "app.post('/items', requireAuth, validateItem, (req, res) => { res.sendStatus(201); });",
  "app.get('/health', (req, res) => res.send('ok'));",
  'app.listen(3000);',
  '',
].join('\n');

describe('routes --write / --check', () => {
  const routes = (dir: string, ...argv: string[]) => runInProcess(['routes', ...argv], { cwd: dir, analyze: analyzeProject });

  function lockedProject(): string {
    const dir = tempProject({ 'package.json': '{"name":"demo","dependencies":{"express":"5.0.0"}}\n', 'src/app.ts': APP });
    return dir;
  }

  it('--write records every route, one per line, atomically', async () => {
    const dir = lockedProject();
    const run = await routes(dir, '--write', 'routes.lock.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('routeguard: wrote 4 route(s) to routes.lock.json\n');
    expect(fs.readFileSync(path.join(dir, 'routes.lock.json'), 'utf8')).toBe(
      [
        '{',
        '  "version": 1,',
        '  "routes": [',
        '    {"method":"GET","path":"/health","auth":[],"roles":[],"validated":false,"rateLimited":false},',
        '    {"method":"POST","path":"/items","auth":["requireAuth"],"roles":[],"validated":true,"rateLimited":false},',
        '    {"method":"POST","path":"/login","auth":[],"roles":[],"validated":true,"rateLimited":true},',
        '    {"method":"DELETE","path":"/users/:id","auth":["requireAuth"],"roles":["requireRole(admin)"],"validated":false,"rateLimited":false}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['package.json', 'routes.lock.json', 'src']);
    const unchanged = await routes(dir, '--check', 'routes.lock.json');
    expect(unchanged).toMatchObject({ code: 0, stdout: 'routes.lock.json: every route matches the lockfile.\n', stderr: '' });
    expect((await routes(dir, '--check', 'routes.lock.json', '--quiet')).stdout).toBe('');
  });

  it.each([
    ['a new public route', (s: string) => s.replace("app.listen(3000);", "app.get('/export', (req, res) => res.json([]));\napp.listen(3000);"), '+ GET /export  new route (PUBLIC, unvalidated)'],
    ['a removed route', (s: string) => s.replace(/^app\.get\('\/health'.*$/m, ''), '- GET /health  route removed'],
    ['a route that became public', (s: string) => s.replace("app.post('/items', requireAuth, ", "app.post('/items', "), '! POST /items  weakened: became public (was requireAuth)'],
    ['a route that lost its validation', (s: string) => s.replace("requireAuth, validateItem, (req", 'requireAuth, (req'), '! POST /items  weakened: lost its input validation'],
    ['a route that lost its role check', (s: string) => s.replace("requireRole('admin'), ", ''), "! DELETE /users/:id  weakened: lost its role check (requireRole(admin))"],
    ['a route that lost its rate limit', (s: string) => s.replace("'/login', limiter, ", "'/login', "), '! POST /login  weakened: lost its rate limit'],
  ])('--check exits 1 on %s, with the diff on stdout', async (_name, edit, line) => {
    const dir = lockedProject();
    await routes(dir, '--write', 'routes.lock.json', '--quiet');
    fs.writeFileSync(path.join(dir, 'src/app.ts'), edit(APP));
    const run = await routes(dir, '--check', 'routes.lock.json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${line}\nReview these changes, then refresh the lock with \`routeguard routes --write routes.lock.json\`.\n`);
    // --quiet still prints a failing diff.
    expect((await routes(dir, '--check', 'routes.lock.json', '-q')).stdout).toContain(line);
  });

  it('--check passes on a strengthening, with a note; refreshing the lock makes it clean', async () => {
    const dir = lockedProject();
    await routes(dir, '--write', 'routes.lock.json', '--quiet');
    fs.writeFileSync(path.join(dir, 'src/app.ts'), APP.replace("app.get('/health', (req", "app.get('/health', requireAuth, (req"));
    const run = await routes(dir, '--check', 'routes.lock.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '~ GET /health  strengthened: now requires requireAuth\nOnly strengthened routes: the check passes; refresh the lock with `routeguard routes --write routes.lock.json` to record them.\n',
    );
    await routes(dir, '--write', 'routes.lock.json', '-q');
    expect((await routes(dir, '--check', 'routes.lock.json')).stdout).toBe('routes.lock.json: every route matches the lockfile.\n');
  });

  it('colours the diff only when colours are on', async () => {
    const dir = lockedProject();
    await routes(dir, '--write', 'routes.lock.json', '-q');
    fs.writeFileSync(path.join(dir, 'src/app.ts'), APP.replace("'/login', limiter, ", "'/login', "));
    const colored = await runInProcess(['routes', '--check', 'routes.lock.json'], { cwd: dir, analyze: analyzeProject, env: { FORCE_COLOR: '1' } });
    expect(colored.stdout).toContain('\u001b[31m! POST /login');
    const plain = await runInProcess(['routes', '--check', 'routes.lock.json'], { cwd: dir, analyze: analyzeProject, isTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it.each([
    ['a missing lockfile', undefined, /^routeguard: error: route lock file not found: routes\.lock\.json\n$/],
    ['a lockfile that is not JSON', '{ "version": 1', /^routeguard: error: routes\.lock\.json: invalid JSON in route lock file \(.+\)\n$/],
    ['a lockfile of another shape', '{ "version": 1, "routes": {} }', /^routeguard: error: routes\.lock\.json: not a valid route lock file: routes: expected an array\n$/],
  ])('%s is exit 2 with one line, before any analysis', async (_name, content, message) => {
    const dir = tempProject({});
    if (content !== undefined) fs.writeFileSync(path.join(dir, 'routes.lock.json'), content);
    const run = await runInProcess(['routes', '--check', 'routes.lock.json'], { cwd: dir, analyze: () => Promise.reject(new Error('must not analyze')) });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.calls).toHaveLength(0);
  });

  it.each([
    [['--write', 'a.json', '--check', 'b.json']],
    [['--check', 'b.json', '--format', 'json']],
    [['--write', 'a.json', '--output', 'x.txt']],
  ])('%j is a usage error', async (argv) => {
    const run = await runInProcess(['routes', ...argv], { cwd: tempProject({}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^routeguard: error: option '.+' cannot be used with option '.+'\n$/);
  });
});
