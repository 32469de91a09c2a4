/**
 * Configuration through the CLI, with the real analyzer in-process: every config error is exit 2
 * and one line naming the file and the key path; a valid config takes effect; `routeguard init`
 * writes a starter config; `--quiet`, `--verbose` and the progress line behave as documented.
 */
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import { run } from '../analyzer/cli/program';
import { resolveConfig } from '../analyzer/config/load-config';
import { fakeResult } from './helpers/fake-result';
import { removeTempDirs, runInProcess, tempProject, type CliRun } from './helpers/cli-harness';
import { onlyRules } from './helpers/only-rules';

afterAll(removeTempDirs);

const APP = [
  "import express from 'express';",
  'const app = express();',
  'function mustBeSignedIn(req: any, res: any, next: any) { if (!req.user) return res.sendStatus(401); next(); }',
  "app.get('/health', (req, res) => res.send('ok'));",
  "app.delete('/users/:id', (req, res) => { res.sendStatus(204); });",
  "app.get('/me', mustBeSignedIn, (req, res) => res.json(req.user));",
  'app.listen(3000);',
  '',
].join('\n');

const PACKAGE = '{"name":"demo","dependencies":{"express":"5.0.0"}}\n';

function project(files: Record<string, string>): string {
  return tempProject({ 'package.json': PACKAGE, 'src/app.ts': APP, ...files });
}

const analyze = (argv: string[], cwd: string) => runInProcess(argv, { cwd, analyze: analyzeProject });

function expectOneLineError(r: CliRun, message: string | RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^routeguard: error: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (typeof message === 'string') expect(r.stderr).toBe(`routeguard: error: ${message}\n`);
  else expect(r.stderr).toMatch(message);
}

describe('config errors: exit 2 and one line naming the path', () => {
  const cases: [string, string, string | RegExp][] = [
    ['bad JSON', '{ "rules": { "missing-auth": "off", } }', /^routeguard: error: routeguard\.config\.json: invalid JSON \(.+\)\n$/],
    ['a wrong type', '{ "authGuards": "mustBeSignedIn" }', 'routeguard.config.json: authGuards: expected array, got string'],
    ['a wrong type deeper down', '{ "publicRoutes": [{ "path": "/kiosk", "reason": 42 }] }', 'routeguard.config.json: publicRoutes.0.reason: expected string, got number'],
    ['a bad severity', '{ "rules": { "missing-auth": { "severity": "hgih" } } }', 'routeguard.config.json: rules.missing-auth.severity: expected one of critical|high|medium|low|off, got "hgih"'],
    ['an unknown rule', '{ "rules": { "missing-authh": "off" } }', 'routeguard.config.json: rules.missing-authh: unknown rule (did you mean "missing-auth"?)'],
    ['an unknown key, with the closest valid key', '{ "authGaurds": ["mustBeSignedIn"] }', 'routeguard.config.json: authGaurds: unknown key (did you mean "authGuards"?)'],
    ['an unknown nested key', '{ "publicRoutes": [{ "path": "/kiosk", "reason": "kiosk", "metod": "GET" }] }', 'routeguard.config.json: publicRoutes.0.metod: unknown key (did you mean "method"?)'],
    ['a bad method', '{ "publicRoutes": [{ "method": "FETCH", "path": "/kiosk", "reason": "kiosk" }] }', /publicRoutes\.0\.method: expected one of GET\|POST\|PUT\|PATCH\|DELETE\|OPTIONS\|HEAD\|ALL\|\*, got "FETCH"\n$/],
    ['a negative maxFileSize', '{ "maxFileSize": -1 }', /^routeguard: error: routeguard\.config\.json: maxFileSize: /],
    ['not an object', '[]', 'routeguard.config.json: expected object, got array'],
  ];
  it.each(cases)('%s', async (_name, config, message) => {
    const r = await analyze(['analyze'], project({ 'routeguard.config.json': config }));
    expectOneLineError(r, message);
  });

  it('package.json#routeguard is validated the same way and named in the message', async () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'demo', routeguard: { authGuard: ['x'] } }) });
    expectOneLineError(await analyze(['analyze'], dir), 'package.json#routeguard: authGuard: unknown key (did you mean "authGuards"?)');
  });

  it('an explicit --config file that is missing or broken is a one-line error', async () => {
    const dir = project({ 'rg.json': '{ "rules": 1 }' });
    expectOneLineError(await analyze(['analyze', '--config', path.join(dir, 'missing.json')], dir), /config file not found: .*missing\.json\n$/);
    expectOneLineError(await analyze(['analyze', '--config', path.join(dir, 'rg.json')], dir), /rg\.json: rules: expected record, got number\n$/);
  });

  it('routes and init report config errors the same way', async () => {
    const dir = project({ 'routeguard.config.json': '{ "authGaurds": [] }' });
    expectOneLineError(await analyze(['routes'], dir), /authGaurds: unknown key \(did you mean "authGuards"\?\)/);
  });

  it('a package.json that is not JSON is the project’s business: defaults apply', async () => {
    const r = await analyze(['analyze', '--format', 'json'], project({ 'package.json': '{ nope' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});

describe('a valid config takes effect', () => {
  const ruleIds = async (dir: string, argv: string[] = []) => {
    const r = await analyze(['analyze', '--format', 'json', '--fail-on', 'none', ...argv], dir);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout).findings as { ruleId: string; severity: string; message: string }[]).filter((f) => f.ruleId === 'missing-auth');
  };

  it('rules: a severity override and "off"', async () => {
    expect((await ruleIds(project({}))).map((f) => f.severity)).toEqual(['critical']);
    expect((await ruleIds(project({ 'routeguard.config.json': '{ "rules": { "missing-auth": "low" } }' }))).map((f) => f.severity)).toEqual(['low']);
    expect(await ruleIds(project({ 'routeguard.config.json': '{ "rules": { "missing-auth": { "severity": "off" } } }' }))).toEqual([]);
  });

  it('publicRoutes (with a reason) silence missing-auth for that route only', async () => {
    const config = { publicRoutes: [{ method: 'DELETE', path: '/users/:id', reason: 'demo data, reset nightly' }] };
    expect(await ruleIds(project({ 'routeguard.config.json': JSON.stringify(config) }))).toEqual([]);
    const otherMethod = { publicRoutes: [{ method: 'GET', path: '/users/*', reason: 'read-only' }] };
    expect(await ruleIds(project({ 'routeguard.config.json': JSON.stringify(otherMethod) }))).toHaveLength(1);
  });

  it('the "routeguard" key of package.json is used when there is no routeguard.config.json', async () => {
    const pkg = { name: 'demo', routeguard: { rules: { 'missing-auth': 'off' } } };
    expect(await ruleIds(project({ 'package.json': JSON.stringify(pkg) }))).toEqual([]);
  });
});

describe('routeguard init', () => {
  it('writes a starter config with the frameworks detected and the guards found, valid against the schema', async () => {
    const dir = project({});
    const r = await analyze(['init'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Frameworks detected: express\n');
    expect(r.stdout).toContain('Auth guards proposed: mustBeSignedIn\n');
    expect(r.stdout).toContain('Wrote routeguard.config.json.');
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'routeguard.config.json'), 'utf8'));
    expect(written).toMatchObject({ authGuards: ['mustBeSignedIn'], roleChecks: [], publicRoutes: [], rules: {} });
    expect(() => resolveConfig(written, 'routeguard.config.json')).not.toThrow();
    const schema = JSON.parse(fs.readFileSync(new URL('../schema/routeguard.config.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['package.json', 'routeguard.config.json', 'src']);
    // The analysis with the starter config still runs.
    expect((await analyze(['analyze', '--fail-on', 'none'], dir)).code).toBe(0);
  });

  it('detects a framework from package.json even before any route is found', async () => {
    const dir = tempProject({ 'package.json': '{"name":"x","dependencies":{"fastify":"5.0.0"}}', 'src/index.ts': 'export const x = 1;\n' });
    const r = await analyze(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Frameworks detected: fastify\n');
    expect(r.stdout).toContain('Auth guards proposed: none found');
  });

  it('refuses to overwrite an existing config: exit 2 with one line', async () => {
    const dir = project({ 'routeguard.config.json': '{ "authGuards": ["mine"] }' });
    expectOneLineError(await analyze(['init'], dir), 'routeguard.config.json already exists; edit it, or delete it to start over');
    expect(fs.readFileSync(path.join(dir, 'routeguard.config.json'), 'utf8')).toBe('{ "authGuards": ["mine"] }');
    const pkg = project({ 'package.json': JSON.stringify({ name: 'x', routeguard: {} }) });
    expectOneLineError(await analyze(['init'], pkg), 'package.json already has a "routeguard" configuration; edit it instead');
    expect(fs.existsSync(path.join(pkg, 'routeguard.config.json'))).toBe(false);
  });

  it('writes into the given directory, named relative to the current one', async () => {
    const parent = tempProject({ 'api/package.json': PACKAGE, 'api/src/app.ts': APP });
    const r = await analyze(['init', 'api', '--quiet'], parent);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(parent, 'api', 'routeguard.config.json'))).toBe(true);
    expectOneLineError(await analyze(['init', 'api'], parent), 'api/routeguard.config.json already exists; edit it, or delete it to start over');
  });
});

describe('--quiet, --verbose and progress', () => {
  it('--quiet prints only the findings; nothing at all when there are none', async () => {
    const dir = project({ 'routeguard.config.json': onlyRules(['missing-auth']) });
    const quiet = await analyze(['analyze', '--quiet'], dir);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toMatch(/^src\/app\.ts\n {2}5:1 +critical +DELETE \/users\/:id .*missing-auth\n$/);
    expect(quiet.stderr).toBe('');
    const clean = await analyze(['analyze', '-q', '--fail-on', 'none'], project({ 'routeguard.config.json': onlyRules(['invalid-suppression']) }));
    expect(clean.stdout).toBe('');
  });

  it('--verbose adds notes on stderr and keeps stdout a clean report', async () => {
    const r = await analyze(['analyze', '--verbose', '--format', 'json'], project({}));
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/^routeguard: \.: 1 source file\(s\), 3 route\(s\) in \d+ ms\n$/);
  });

  it('--quiet and --verbose together are a usage error', async () => {
    expectOneLineError(await analyze(['analyze', '-q', '--verbose'], project({})), /option '-q, --quiet' cannot be used with option '--verbose'/);
  });

  async function stderrOf(options: { isTTY: boolean; env?: Record<string, string>; argv?: string[] }): Promise<string> {
    let stderr = '';
    await run(['analyze', ...(options.argv ?? [])], {
      analyze: async (o) => {
        for (let done = 1; done <= 3; done++) o.onProgress?.(done, 3);
        return fakeResult();
      },
      cwd: project({}),
      env: options.env ?? {},
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s), isTTY: options.isTTY },
    });
    return stderr;
  }

  it('shows progress on stderr only when stderr is a terminal, outside CI and without --quiet', async () => {
    const tty = await stderrOf({ isTTY: true });
    expect(tty).toContain('routeguard: analyzing . 3/3 files');
    expect(tty.endsWith('\r\u001b[K')).toBe(true);
    expect(await stderrOf({ isTTY: false })).toBe('');
    expect(await stderrOf({ isTTY: true, env: { CI: 'true' } })).toBe('');
    expect(await stderrOf({ isTTY: true, argv: ['--quiet'] })).toBe('');
  });
});
