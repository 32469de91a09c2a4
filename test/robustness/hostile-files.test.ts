/**
 * One bad file never stops the run. A project holds a small healthy app next to syntax errors, a
 * truncated file, non-UTF-8 bytes, a BOM, a binary file named .js, a 5 MB minified bundle, a
 * 200,000-line generated file and code nested 10,000 deep in every shape we could think of. The
 * run must finish, record a problem for each bad file (in the result, the text report, SARIF's
 * toolExecutionNotifications and the language server's log), and analyze the healthy files as if
 * the bad ones were not there. Inputs are generated into a temp folder (nothing big is committed).
 *
 * RG_ROBUSTNESS_HEAVY=1 also analyzes the big files with the size cap lifted (≈1 GB of memory:
 * TypeScript's syntax tree of 11 MB of source), which bench/fuzz.mjs --heavy does too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../analyzer/analyze';
import type { AnalysisResult } from '../../analyzer/engine/result';
import type { Problem } from '../../analyzer/model/route-model';
import { LspClient } from '../lsp/lsp-client';
import { createSarifValidator } from '../helpers/sarif-validator';
import { DEEP_SHAPES, deepFile, generatedLines, HEALTHY_FILES, HEALTHY_ROUTES, minifiedBundle, PACKAGE_JSON, removeTempDirs, renderAll, routeKeys, tempDir, writeFiles } from './hostile-inputs';

const HEAVY = process.env.RG_ROBUSTNESS_HEAVY === '1';
const DEPTH = 10_000;
/** Shapes whose code is not nested in syntax (a chain of declarations, of mounts): no parse problem expected. */
const FLAT_SHAPES = new Set(['mountChain', 'variableChain', 'binary', 'pathConcat', 'elseIfs', 'methodChain', 'members']);

let root: string;
let result: AnalysisResult;

/** What each bad file is, and the problem kind it must produce. */
const BAD: Record<string, { bytes: Buffer | string; kind: string }> = {
  'src/syntax.ts': { bytes: "import express from 'express';\nconst a = (;\nfunction {\nexport default app\n", kind: 'parse' },
  'src/truncated.ts': { bytes: HEALTHY_FILES['src/app.ts']!.slice(0, 140), kind: 'parse' },
  'src/latin1.js': { bytes: Buffer.concat([Buffer.from("const express = require('express');\nconst app = express();\napp.get('/caf"), Buffer.from([0xe9]), Buffer.from("', (req, res) => res.send('ol\xe9'));\n", 'latin1')]), kind: 'encoding' },
  'src/binary.js': { bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), kind: 'binary-file' },
  'src/vendor.js': { bytes: '', kind: 'file-too-large' },
  'src/generated.ts': { bytes: '', kind: 'file-too-large' },
};

beforeAll(async () => {
  root = tempDir();
  BAD['src/vendor.js']!.bytes = minifiedBundle(5 * 1024 * 1024);
  BAD['src/generated.ts']!.bytes = generatedLines(200_000);
  const deep = Object.fromEntries(Object.keys(DEEP_SHAPES).map((shape) => [`src/deep/${shape}.${shape === 'jsx' ? 'jsx' : 'ts'}`, deepFile(shape, DEPTH)]));
  writeFiles(root, {
    'package.json': PACKAGE_JSON,
    ...HEALTHY_FILES,
    // A UTF-8 BOM is not a problem: the file is analyzed and its columns match the editor's.
    'src/bom.js': `\uFEFFconst express = require('express');\nconst router = express.Router();\nrouter.put('/bom/:id', (req, res) => res.json(req.body));\nmodule.exports = router;\n`,
    'src/app.min.js': minifiedBundle(64 * 1024),
    ...Object.fromEntries(Object.entries(BAD).map(([file, { bytes }]) => [file, bytes])),
    ...deep,
  });
  result = await analyzeProject({ root });
});

afterAll(() => removeTempDirs());

const problemsOf = (file: string): Problem[] => result.problems.filter((p) => p.file === file);

describe('one bad file never stops the run', () => {
  it('the healthy files are analyzed as usual', () => {
    expect(routeKeys(result)).toEqual(expect.arrayContaining([...HEALTHY_ROUTES, 'PUT /bom/:id']));
    const missingAuth = result.findings.filter((f) => f.ruleId === 'missing-auth').map((f) => f.message);
    for (const route of HEALTHY_ROUTES) expect(missingAuth.some((m) => m.includes(route)), route).toBe(true);
  });

  it.each(Object.entries(BAD).map(([file, { kind }]) => [file, kind]))('%s: a %s problem', (file, kind) => {
    expect(problemsOf(file).map((p) => p.kind)).toContain(kind);
  });

  it('a file with invalid UTF-8 is still analyzed (its route is found)', () => {
    expect(result.model.routes.some((r) => r.registration.file === 'src/latin1.js' && r.method === 'GET')).toBe(true);
  });

  it('a BOM does not shift positions: the route registration starts at line 3, column 1', () => {
    const route = result.model.routes.find((r) => r.path === '/bom/:id')!;
    const text = result.getText('src/bom.js')!;
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text.slice(0, route.registration.span.start).split('\n')).toHaveLength(3);
    expect(problemsOf('src/bom.js')).toEqual([]);
  });

  it('a minified bundle by name (*.min.js) is left out of the analysis, as build output is', () => {
    expect(result.files.has('src/app.min.js')).toBe(false);
  });

  it(`code nested ${DEPTH.toLocaleString('en')} deep: every shape records a problem or is cut short, none overflows the stack`, () => {
    const missing = Object.keys(DEEP_SHAPES)
      .filter((shape) => !FLAT_SHAPES.has(shape))
      .filter((shape) => problemsOf(`src/deep/${shape}.${shape === 'jsx' ? 'jsx' : 'ts'}`).length === 0);
    expect(missing).toEqual([]);
    // A chain of 10,000 routers mounted into each other: discovery stops at its bound.
    expect(result.problems.some((p) => p.kind === 'limit' && p.message.startsWith('Express discovery stopped'))).toBe(true);
    expect(result.problems.filter((p) => p.kind === 'discovery-error' || p.kind === 'rule-error')).toEqual([]);
  });

  it('every report renders; the text report lists each problem; SARIF is valid and carries them as toolExecutionNotifications', () => {
    const out = renderAll(result);
    for (const file of Object.keys(BAD)) expect(out.text, file).toContain(file);
    const log = JSON.parse(out.sarif) as Sarif.Log;
    expect(createSarifValidator()(log)).toEqual([]);
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications).toHaveLength(result.problems.length);
    for (const [file, { kind }] of Object.entries(BAD)) {
      expect(notifications.some((n) => n.descriptor?.id === kind && n.locations?.[0]?.physicalLocation?.artifactLocation?.uri === file), `${file}: ${kind}`).toBe(true);
    }
    for (const table of out.routes) expect(table).toContain('/orders');
  });

  it('the language server logs each problem and publishes the healthy findings', async () => {
    const client = new LspClient();
    try {
      await client.initialize([root]);
      await client.analyzed(120_000);
      const logged = client.logs.map((l) => l.message).join('\n');
      for (const [file, { kind }] of Object.entries(BAD)) expect(logged, file).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}(@\\d+)?: ${kind}: `));
      const app = [...client.diagnostics.values()].find((p) => p.uri.endsWith('/src/app.ts'));
      expect(app?.diagnostics.some((d) => d.code === 'missing-auth')).toBe(true);
    } finally {
      await client.shutdown();
    }
  });
});

describe('nesting that TypeScript still parses but our walkers see whole', () => {
  it.each([[100], [300], [1_000], [3_000]])('depth %i: no stack overflow in extraction, discovery, rules or reports', async (depth) => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': PACKAGE_JSON,
      ...HEALTHY_FILES,
      ...Object.fromEntries(Object.keys(DEEP_SHAPES).map((shape) => [`src/deep/${shape}.${shape === 'jsx' ? 'jsx' : 'ts'}`, deepFile(shape, depth)])),
    });
    const deep = await analyzeProject({ root: dir });
    expect(routeKeys(deep)).toEqual(expect.arrayContaining(HEALTHY_ROUTES));
    expect(deep.problems.filter((p) => p.kind === 'discovery-error' || p.kind === 'rule-error')).toEqual([]);
    expect(createSarifValidator()(JSON.parse(renderAll(deep).sarif))).toEqual([]);
  });
});

describe.runIf(HEAVY)('the big files with the size cap lifted (RG_ROBUSTNESS_HEAVY=1)', () => {
  it('a 5 MB bundle and a 200,000-line file are analyzed or cut short by the time budget, never hang', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': PACKAGE_JSON,
      'routeguard.config.json': JSON.stringify({ maxFileSize: 64 * 1024 * 1024, fileTimeBudgetMs: 2_000 }),
      ...HEALTHY_FILES,
      'src/vendor.js': BAD['src/vendor.js']!.bytes,
      'src/generated.ts': BAD['src/generated.ts']!.bytes,
    });
    const started = performance.now();
    const heavy = await analyzeProject({ root: dir });
    expect(routeKeys(heavy)).toEqual(expect.arrayContaining(HEALTHY_ROUTES));
    expect(heavy.files.has('src/vendor.js')).toBe(true);
    expect(createSarifValidator()(JSON.parse(renderAll(heavy).sarif))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(120_000);
  }, 180_000);
});

describe('the per-file time budget', () => {
  it('a file that takes longer than fileTimeBudgetMs to extract is cut short with a time-budget problem', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'package.json': PACKAGE_JSON,
      // 1 ms cannot parse 300 KB: the walk stops at its first check.
      'routeguard.config.json': JSON.stringify({ fileTimeBudgetMs: 1 }),
      'src/slow.js': minifiedBundle(300 * 1024),
    });
    const slow = await analyzeProject({ root: dir });
    expect(slow.problems.filter((p) => p.file === 'src/slow.js').map((p) => p.kind)).toEqual(['time-budget']);
    expect(fs.existsSync(path.join(dir, 'src/slow.js'))).toBe(true);
  });
});
