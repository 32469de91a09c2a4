/**
 * Generators of hostile inputs for the robustness suite (and bench/fuzz.mjs). Everything is
 * generated into temporary folders at test time: no multi-megabyte file is ever committed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { AnalysisResult } from '../../analyzer/engine/result';
import { formatJson } from '../../analyzer/reporters/json';
import { formatRoutes, ROUTE_FORMATS } from '../../analyzer/reporters/routes-table';
import { formatSarif } from '../../analyzer/reporters/sarif';
import { formatText } from '../../analyzer/reporters/text';

/** Temporary folders made by `tempDir()`, removed by `removeTempDirs()`. */
const made: string[] = [];

export function tempDir(prefix = 'rg-robust-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes files (relative path → text or bytes) under `root`. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): string {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

export const PACKAGE_JSON = JSON.stringify({ name: 'hostile', private: true, dependencies: { express: '^5.1.0', fastify: '^5.0.0' } });

/** A small healthy Express app: the routes every test expects to survive its neighbours. */
export const HEALTHY_FILES: Record<string, string> = {
  'src/app.ts': [
    "import express from 'express';",
    "import users from './users';",
    'const app = express();',
    "app.use('/users', users);",
    "app.post('/orders', (req, res) => { res.json(req.body); });",
    'export default app;',
    '',
  ].join('\n'),
  'src/users.ts': ["import { Router } from 'express';", 'const router = Router();', "router.delete('/:id', (req, res) => { res.sendStatus(204); });", 'export default router;', ''].join('\n'),
};

/** The healthy routes, as `METHOD path`. */
export const HEALTHY_ROUTES = ['POST /orders', 'DELETE /users/:id'];

/** Shapes of deep nesting: each returns a source text nested `n` levels deep. */
export const DEEP_SHAPES: Record<string, (n: number) => string> = {
  parens: (n) => `const x = ${'('.repeat(n)}1${')'.repeat(n)};\n`,
  arrays: (n) => `const x = ${'['.repeat(n)}${']'.repeat(n)};\n`,
  objects: (n) => `const x = ${'{ a: '.repeat(n)}1${' }'.repeat(n)};\n`,
  calls: (n) => `app.get('/x', ${'f('.repeat(n)}${')'.repeat(n)});\n`,
  members: (n) => `const x = req${'.b'.repeat(n)};\n`,
  methodChain: (n) => `const x = app${".get('/a', h)".repeat(n)};\n`,
  binary: (n) => `const x = ${Array.from({ length: n }, (_, k) => `a${k}`).join(' + ')};\n`,
  pathConcat: (n) => `app.get(${Array.from({ length: n }, (_, k) => `'/a${k}'`).join(' + ')}, (req, res) => res.send(1));\n`,
  ternaries: (n) => `const x = ${'a ? b : '.repeat(n)}c;\n`,
  unary: (n) => `const x = ${'!'.repeat(n)}a;\n`,
  awaits: (n) => `async function f() { return ${'await '.repeat(n)}a; }\n`,
  news: (n) => `const x = ${'new '.repeat(n)}A;\n`,
  assignments: (n) => `${'a = '.repeat(n)}1;\n`,
  arrows: (n) => `const x = ${'() => '.repeat(n)}1;\n`,
  blocks: (n) => `${'{'.repeat(n)}${'}'.repeat(n)}\n`,
  ifs: (n) => `${'if (a) '.repeat(n)}x();\n`,
  elseIfs: (n) => `if (a) x();${' else if (b) y();'.repeat(n)}\n`,
  templates: (n) => `const x = ${'`${'.repeat(n)}1${'}`'.repeat(n)};\n`,
  types: (n) => `type X = ${'Array<'.repeat(n)}1${'>'.repeat(n)};\n`,
  jsx: (n) => `const x = ${'<a>'.repeat(n)}${'</a>'.repeat(n)};\n`,
  callbacks: (n) => `app.post('/h', (req, res) => {\n${'db.q(() => {\n'.repeat(n)}res.send(req.body);\n${'});\n'.repeat(n)}});\n`,
  guards: (n) => `app.post('/g', (req, res) => {\n${'if (req.user) {\n'.repeat(n)}res.status(401).send(req.body);\n${'}\n'.repeat(n)}});\n`,
  functions: (n) => `${'function f(req, res) {'.repeat(n)}res.send(1)${'}'.repeat(n)}\n`,
  fastifyPlugins: (n) => `fastify.register(async (i0) => {\n${Array.from({ length: n }, (_, k) => `i${k}.register(async (i${k + 1}) => {`).join('\n')}\ni${n}.post('/deep', async () => 1);\n${'});\n'.repeat(n)}});\n`,
  mountChain: (n) => `${Array.from({ length: n }, (_, k) => `const r${k} = express.Router();`).join('\n')}\n${Array.from({ length: n - 1 }, (_, k) => `r${k}.use('/p', r${k + 1});`).join('\n')}\napp.use(r0);\nr${n - 1}.post('/deep', (req, res) => res.send(1));\n`,
  variableChain: (n) => `const v0 = '/p';\n${Array.from({ length: n }, (_, k) => `const v${k + 1} = v${k};`).join('\n')}\napp.get(v${n}, (req, res) => res.send(1));\n`,
};

/** The file of a deep shape: with the imports its code needs. */
export function deepFile(shape: string, n: number): string {
  const prelude = shape === 'fastifyPlugins' ? "import Fastify from 'fastify';\nconst fastify = Fastify();\n" : "import express from 'express';\nconst app = express();\n";
  return prelude + DEEP_SHAPES[shape]!(n);
}

/** A minified bundle of about `bytes` bytes on one line: many small functions and calls. */
export function minifiedBundle(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const s = `function f${i}(a,b){if(a&&b.c){return g(a,b,${i})}var x=h(a);for(var k=0;k<x.length;k++){x[k]=m(x[k],"s${i}")}return x.map(function(y){return y+${i}})}`;
    parts.push(s);
    length += s.length + 1;
  }
  return `!function(){${parts.join(';')}}();`;
}

/** A generated file of `lines` lines (`export const v1 = 1;` …). */
export function generatedLines(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`export const v${i} = ${i};`);
  return `${out.join('\n')}\n`;
}

/** Every output a user can ask for, rendered (the reporters must not throw either). */
export function renderAll(result: AnalysisResult): { text: string; json: string; sarif: string; routes: string[] } {
  return {
    text: formatText(result, { colors: pc.createColors(false), verbose: true }),
    json: formatJson(result),
    sarif: formatSarif(result),
    routes: ROUTE_FORMATS.map((f) => formatRoutes(result, f)),
  };
}

export const routeKeys = (result: AnalysisResult): string[] => result.model.routes.map((r) => `${r.method} ${r.path}`);
