/**
 * Resource bounds degrade to recorded problems, never to a hang: the file-size cap (maxFileSize),
 * the file-count cap (maxFiles) and the per-file time budget (fileTimeBudgetMs; see also
 * hostile-files.test.ts). `routeguard analyze` honours SIGINT and SIGTERM: it exits promptly and
 * leaves no partial report (the report is written to a temporary file, then renamed; until then
 * the previous report stays as it was).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../analyzer/analyze';
import { buildCli, removeTempDirs as removeCliTemps, spawnCli } from '../helpers/cli-harness';
import { HEALTHY_FILES, HEALTHY_ROUTES, minifiedBundle, PACKAGE_JSON, removeTempDirs, routeKeys, tempDir, writeFiles } from './hostile-inputs';

afterAll(() => {
  removeTempDirs();
  removeCliTemps();
});

describe('caps from the config', () => {
  it('maxFileSize: a bigger file is skipped with a file-too-large problem; the rest is analyzed', async () => {
    const root = writeFiles(tempDir(), {
      'package.json': PACKAGE_JSON,
      'routeguard.config.json': JSON.stringify({ maxFileSize: 4096 }),
      ...HEALTHY_FILES,
      'src/big.ts': `${'// padding\n'.repeat(500)}import express from 'express';\nexpress().post('/big', (req, res) => res.send(1));\n`,
    });
    const result = await analyzeProject({ root });
    expect(result.problems.filter((p) => p.file === 'src/big.ts').map((p) => p.kind)).toEqual(['file-too-large']);
    expect(routeKeys(result).sort()).toEqual([...HEALTHY_ROUTES].sort());
  });

  it('maxFiles: only the first N source files are analyzed, with a limit problem naming the count', async () => {
    const files: Record<string, string> = { 'package.json': PACKAGE_JSON, 'routeguard.config.json': JSON.stringify({ maxFiles: 5 }) };
    for (let i = 0; i < 12; i++) files[`src/f${String(i).padStart(2, '0')}.ts`] = `export const v${i} = ${i};\n`;
    const result = await analyzeProject({ root: writeFiles(tempDir(), files) });
    expect(result.stats.sourceFiles).toBe(5);
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'limit', message: '12 source files exceed the file-count cap (5); only the first 5 were analyzed' }));
  });
});

describe('signals', () => {
  let cli: string;
  let slow: string;

  beforeAll(async () => {
    cli = await buildCli();
    // A project that takes seconds: 900 KB bundles (under the 1 MiB cap), each parsed and walked
    // until the 2 s per-file budget, and a healthy app.
    const files: Record<string, string> = { 'package.json': PACKAGE_JSON, ...HEALTHY_FILES };
    const bundle = minifiedBundle(900 * 1024);
    for (let i = 0; i < 6; i++) files[`src/vendor${i}.js`] = bundle;
    slow = writeFiles(tempDir(), files);
  });

  it('a run that is not interrupted writes its report with -o (so the checks below can fail)', () => {
    const root = writeFiles(tempDir(), { 'package.json': PACKAGE_JSON, ...HEALTHY_FILES });
    const run = spawnCli(cli, ['analyze', '.', '-f', 'sarif', '-o', 'report.sarif', '--fail-on', 'none'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s mid-run: exits within 1 s, the previous report is untouched, no temporary file is left', async (signal, code) => {
    const report = path.join(slow, 'report.sarif');
    fs.writeFileSync(report, 'the previous report');
    const child = spawn(process.execPath, [cli, 'analyze', '.', '-f', 'sarif', '-o', 'report.sarif'], { cwd: slow, env: { ...process.env, CI: '1' }, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s, at: performance.now() })));
    // Past start-up (loading the bundle) and into the analysis, which takes several seconds.
    await new Promise((r) => setTimeout(r, 1_500));
    const sent = performance.now();
    child.kill(signal);
    const result = await exited;
    // Killed by the signal (Node's default handler), or exited with 128 + its number.
    expect(result.signal === signal || result.code === code, JSON.stringify(result)).toBe(true);
    expect(result.at - sent).toBeLessThan(1_000);
    expect(fs.readFileSync(report, 'utf8')).toBe('the previous report');
    expect(fs.readdirSync(slow).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
