/**
 * Hostile project shapes: symlink loops, symlinks out of the root, circular imports and mounts, a
 * router mounted into itself, mounts that multiply (each router mounted twice, 30 levels deep),
 * 10,000 files in one folder, awkward path names, an empty project and one without routes. Every
 * run terminates, with a clear result, and reads nothing outside the root.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../analyzer/analyze';
import { buildCli, removeTempDirs as removeCliTemps, runInProcess, spawnCli } from '../helpers/cli-harness';
import { createSarifValidator } from '../helpers/sarif-validator';
import { HEALTHY_FILES, HEALTHY_ROUTES, PACKAGE_JSON, removeTempDirs, renderAll, routeKeys, tempDir, writeFiles } from './hostile-inputs';

afterAll(() => {
  removeTempDirs();
  removeCliTemps();
});

const OUTSIDE_SECRET = 'AKIAZ9OUTSIDE4ROOT7Q';

describe('symbolic links', () => {
  it('a link loop and links out of the root are not followed: nothing outside is read', async () => {
    const base = tempDir();
    const root = path.join(base, 'project');
    writeFiles(base, {
      'outside/server.ts': `import express from 'express';\nconst app = express();\napp.post('/outside', (req, res) => res.send(1));\nexport const key = '${OUTSIDE_SECRET}';\n`,
      'outside/.env': `AWS_ACCESS_KEY_ID=${OUTSIDE_SECRET}\n`,
    });
    writeFiles(root, { 'package.json': PACKAGE_JSON, ...HEALTHY_FILES });
    fs.symlinkSync('../../outside', path.join(root, 'src/linked-dir'));
    fs.symlinkSync('../../outside/server.ts', path.join(root, 'src/linked-file.ts'));
    fs.symlinkSync('../outside/.env', path.join(root, '.env'));
    fs.symlinkSync('.', path.join(root, 'src/self'));
    fs.symlinkSync('../src', path.join(root, 'src/parent'));
    fs.symlinkSync('b', path.join(root, 'src/a'));
    fs.symlinkSync('a', path.join(root, 'src/b'));
    const result = await analyzeProject({ root });
    expect(routeKeys(result).sort()).toEqual([...HEALTHY_ROUTES].sort());
    expect([...result.files.keys()].sort()).toEqual(['src/app.ts', 'src/users.ts']);
    expect(result.stats.textFiles).toBe(1); // package.json; the linked .env is not read
    expect(result.findings.filter((f) => f.ruleId === 'hardcoded-secret')).toEqual([]);
    const out = renderAll(result);
    expect(out.json + out.sarif + out.text).not.toMatch(/outside|AKIAZ9OUTSIDE/);
  });
});

describe('cycles', () => {
  it('circular imports and re-exports terminate', async () => {
    const root = writeFiles(tempDir(), {
      'package.json': PACKAGE_JSON,
      'src/a.ts': "export * from './b';\nexport { default as b } from './b';\nimport c from './c';\nexport default c;\n",
      'src/b.ts': "export * from './a';\nimport a from './a';\nexport default a;\nexport { h } from './c';\n",
      'src/c.ts': "import a from './a';\nexport * from './c';\nexport default a;\nexport const h = (req: any, res: any) => res.send(1);\n",
      'src/app.ts': "import express from 'express';\nimport x, { h, b } from './a';\nconst app = express();\napp.use(x);\napp.use(b);\napp.post('/cycle', h);\n",
    });
    const result = await analyzeProject({ root });
    expect(routeKeys(result)).toContain('POST /cycle');
  });

  it('routers mounted into each other and into themselves: a circular-mount problem, each route once', async () => {
    const root = writeFiles(tempDir(), {
      'package.json': PACKAGE_JSON,
      'src/app.ts': "import express from 'express';\nimport a from './a';\nconst app = express();\napp.use('/a', a);\napp.use(app);\n",
      'src/a.ts': "import { Router } from 'express';\nimport b from './b';\nconst router = Router();\nrouter.use('/b', b);\nrouter.use('/again', router);\nrouter.get('/x', (req, res) => res.send(1));\nexport default router;\n",
      'src/b.ts': "import { Router } from 'express';\nimport a from './a';\nconst router = Router();\nrouter.use('/a', a);\nrouter.get('/y', (req, res) => res.send(1));\nexport default router;\n",
    });
    const result = await analyzeProject({ root });
    expect(routeKeys(result).sort()).toEqual(['GET /a/b/y', 'GET /a/x']);
    expect(result.problems.filter((p) => p.kind === 'circular-mount').length).toBeGreaterThanOrEqual(2);
  });

  it('Fastify plugins registering each other in a circle: a circular-plugin problem', async () => {
    const root = writeFiles(tempDir(), {
      'package.json': PACKAGE_JSON,
      'src/server.ts': "import Fastify from 'fastify';\nimport p from './p';\nconst app = Fastify();\napp.register(p);\n",
      'src/p.ts': "import q from './q';\nexport default async function p(f: any) { f.register(q, { prefix: '/q' }); f.post('/p', async () => 1); }\n",
      'src/q.ts': "import p from './p';\nexport default async function q(f: any) { f.register(p, { prefix: '/p' }); f.post('/q', async () => 1); }\n",
    });
    const result = await analyzeProject({ root });
    expect(routeKeys(result)).toContain('POST /p');
    expect(result.problems.some((p) => p.kind === 'circular-plugin' || p.kind === 'limit')).toBe(true);
  });
});

describe('mounts that multiply', () => {
  it('each router mounted twice under the next, 30 levels deep (2^30 paths), is cut short with a limit problem', async () => {
    const files: Record<string, string> = { 'package.json': PACKAGE_JSON, 'src/app.ts': "import express from 'express';\nimport r0 from './r0';\nconst app = express();\napp.use(r0);\n" };
    for (let k = 0; k < 30; k++) {
      const next = k < 29 ? `import next from './r${k + 1}';\n` : '';
      files[`src/r${k}.ts`] = `import { Router } from 'express';\n${next}const r = Router();\n${next ? "r.use('/a', next);\nr.use('/b', next);\n" : ''}r.post('/x${k}', (req, res) => res.send(1));\nexport default r;\n`;
    }
    const started = performance.now();
    const result = await analyzeProject({ root: writeFiles(tempDir(), files) });
    expect(result.problems.some((p) => p.kind === 'limit' && p.message.startsWith('Express discovery stopped'))).toBe(true);
    expect(result.model.routes.length).toBeLessThanOrEqual(50_000);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});

describe('10,000 files in one folder', () => {
  it('are listed, read and analyzed; the run stays bounded', async () => {
    const files: Record<string, string> = { 'package.json': PACKAGE_JSON, 'src/app.ts': "import express from 'express';\nimport { h7 } from './many/m7';\nconst app = express();\napp.post('/seven', h7);\n" };
    for (let i = 0; i < 10_000; i++) files[`src/many/m${i}.ts`] = `export const v${i} = ${i};\nexport function h${i}(req: any, res: any) { res.send(req.query.a); }\n`;
    const root = writeFiles(tempDir(), files);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await analyzeProject({ root });
    const ms = performance.now() - started;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.log(`10,000 files: ${Math.round(ms)} ms, heap +${Math.round(heapMb)} MB`);
    expect(result.stats.sourceFiles).toBe(10_001);
    expect(routeKeys(result)).toEqual(['POST /seven']);
    expect(result.model.routes[0]!.handler?.file).toBe('src/many/m7.ts');
    expect(heapMb).toBeLessThan(1_000);
  });
});

/** The CLI in-process with the real analyzer (argument parsing, reporters, exit codes); one spawned run checks the process wiring. */
const cliRun = (argv: string[], cwd: string) => runInProcess(argv, { cwd, analyze: analyzeProject });

describe('awkward paths, empty projects (through the CLI)', () => {
  let cli: string;
  let base: string;
  const validate = createSarifValidator();

  beforeAll(async () => {
    cli = await buildCli();
    base = tempDir();
    const app = "import express from 'express';\nconst app = express();\napp.post('/x', (req, res) => res.send(1));\n";
    writeFiles(base, {
      '-dir/package.json': PACKAGE_JSON,
      '-dir/src/app.ts': app,
      'my app ü/package.json': PACKAGE_JSON,
      'my app ü/src/ün icode [id].ts': app,
      'empty/.keep': '',
      'no-routes/package.json': PACKAGE_JSON,
      'no-routes/src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
    });
  });

  it('a folder named with a leading dash: ./-dir and `-- -dir` work; a bare -dir is a clear usage error', async () => {
    const spawned = spawnCli(cli, ['analyze', '--fail-on', 'none', '--', '-dir'], { cwd: base });
    expect(spawned.code, spawned.stderr).toBe(0);
    expect(spawned.stdout).toContain('-dir/src/app.ts');
    const dotted = await cliRun(['analyze', '--fail-on', 'none', './-dir'], base);
    expect(dotted.code, dotted.stderr).toBe(0);
    expect(dotted.stdout).toContain('-dir/src/app.ts');
    expect((await cliRun(['routes', '--', '-dir'], base)).stdout).toContain('POST    /x');
    const bare = await cliRun(['analyze', '-dir'], base);
    expect(bare.code).toBe(2);
    expect(bare.stderr.trim().split('\n')).toEqual(["routeguard: error: unknown option '-dir'"]);
  });

  it('spaces, unicode and brackets in paths: text shows them, SARIF percent-encodes them and stays valid', async () => {
    const text = await cliRun(['analyze', '--fail-on', 'none', 'my app ü'], base);
    expect(text.stdout).toContain('my app ü/src/ün icode [id].ts');
    const sarif = await cliRun(['analyze', '--fail-on', 'none', '-f', 'sarif', 'my app ü'], base);
    const log = JSON.parse(sarif.stdout) as Sarif.Log;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]!.results!.some((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'my%20app%20%C3%BC/src/%C3%BCn%20icode%20%5Bid%5D.ts')).toBe(true);
  });

  it.each([['empty', 0], ['no-routes', 1]])('%s: exit 0, a clear summary, valid SARIF with no results', async (dir, files) => {
    const text = await cliRun(['analyze', dir], base);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No findings.');
    expect(text.stdout).toContain(`Analyzed ${files} source file${files === 1 ? '' : 's'} and 0 routes.`);
    expect((await cliRun(['routes', dir], base)).stdout).toContain('No routes found.');
    const log = JSON.parse((await cliRun(['analyze', '-f', 'sarif', dir], base)).stdout) as Sarif.Log;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
  });
});
