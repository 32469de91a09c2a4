/**
 * Nothing the analyzer reads is executed. A project whose every file (sources, config files in
 * JS, Next/Vite/ESLint configs, package.json scripts) would write a marker file if it ran is put
 * through the analyzer, the CLI (analyze, routes, init, --config pointing at a JS file) and the
 * language server; no marker may appear. A static check over our own sources then pins down the
 * few places that load code or start processes, and the dependency audit pins down which packages
 * run install scripts (see docs/robustness.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../analyzer/analyze';
import { buildCli, REPO, removeTempDirs as removeCliTemps, runInProcess, spawnCli } from '../helpers/cli-harness';
import { LspClient } from '../lsp/lsp-client';
import { removeTempDirs, routeKeys, tempDir, writeFiles } from './hostile-inputs';

let markers: string;
let root: string;

/** A statement that leaves `markers/<name>` behind if it ever runs (in JS, as a shell command). */
const js = (name: string) => `require('node:fs').writeFileSync(${JSON.stringify(path.join(markers, name))}, 'executed');`;
const esm = (name: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(markers, name))}, 'executed');`;
const sh = (name: string) => `node -e "${js(name).replace(/"/g, '\\"')}"`;

beforeAll(() => {
  const base = tempDir();
  markers = path.join(base, 'markers');
  fs.mkdirSync(markers);
  root = path.join(base, 'project');
  writeFiles(root, {
    'package.json': JSON.stringify({
      name: 'would-execute',
      private: true,
      dependencies: { express: '^5.1.0', next: '^15.0.0', fastify: '^5.0.0' },
      scripts: { preinstall: sh('preinstall'), postinstall: sh('postinstall'), prepare: sh('prepare'), test: sh('test'), start: sh('start') },
    }),
    'src/app.ts': `import express from 'express';\nimport './side-effect';\n${js('src-app')}\nconst app = express();\napp.post('/orders', (req, res) => res.json(req.body));\nexport default app;\n`,
    'src/side-effect.js': js('side-effect'),
    'src/routes/index.mjs': `${esm('routes-index')}\nexport default async function routes(fastify) { fastify.post('/f', async () => 1); }\n`,
    'src/dynamic.ts': `export async function load(name: string) { return import(name); }\nawait import('./side-effect.js');\n${js('dynamic')}\n`,
    'routeguard.config.js': `${js('routeguard-config-js')}\nmodule.exports = { rules: { 'missing-auth': 'off' } };\n`,
    'routeguard.config.cjs': `${js('routeguard-config-cjs')}\nmodule.exports = {};\n`,
    'routeguard.config.mjs': `${esm('routeguard-config-mjs')}\nexport default {};\n`,
    'routeguard.config.ts': `${js('routeguard-config-ts')}\nexport default {};\n`,
    'next.config.js': `${js('next-config')}\nmodule.exports = { env: {} };\n`,
    'next.config.mjs': `${esm('next-config-mjs')}\nexport default {};\n`,
    'app/api/items/route.ts': `${js('next-route')}\nexport async function POST(req: Request) { return Response.json(await req.json()); }\n`,
    'middleware.ts': `${js('next-middleware')}\nexport function middleware() {}\nexport const config = { matcher: ['/api/:path*'] };\n`,
    'vite.config.ts': `${js('vite-config')}\nexport default {};\n`,
    'eslint.config.js': `${js('eslint-config')}\nmodule.exports = [];\n`,
    '.eslintrc.js': `${js('eslintrc')}\nmodule.exports = {};\n`,
    'babel.config.js': `${js('babel-config')}\nmodule.exports = {};\n`,
    'jest.config.js': `${js('jest-config')}\nmodule.exports = {};\n`,
    'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, plugins: [{ name: './ts-plugin.js' }] } }),
    'ts-plugin.js': js('ts-plugin'),
    'scripts/deploy.sh': `#!/bin/sh\n${sh('deploy-sh')}\n`,
    '.husky/pre-commit': sh('husky'),
  });
});

afterAll(() => {
  removeTempDirs();
  removeCliTemps();
});

const ran = () => fs.readdirSync(markers);

describe('nothing the analyzer reads is executed', () => {
  it('analyzeProject: routes are found, no file ran, the JS config is not loaded (missing-auth still reports)', async () => {
    const result = await analyzeProject({ root });
    expect(routeKeys(result)).toEqual(expect.arrayContaining(['POST /orders']));
    expect(result.findings.some((f) => f.ruleId === 'missing-auth')).toBe(true);
    expect(ran()).toEqual([]);
  });

  it('the CLI: analyze, routes and init run nothing; --config with a JS file is refused as invalid JSON', async () => {
    const cli = await buildCli();
    const spawned = spawnCli(cli, ['analyze', '.', '-f', 'sarif', '--fail-on', 'none'], { cwd: root });
    expect(spawned.code, spawned.stderr).toBe(0);
    // The same commands in-process (same code but the process wiring), which is quicker.
    for (const argv of [['routes', '.'], ['init', '.', '-q']]) {
      const run = await runInProcess(argv, { cwd: root, analyze: analyzeProject });
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0);
    }
    const js = await runInProcess(['analyze', '.', '--config', path.join(root, 'routeguard.config.js')], { cwd: root, analyze: analyzeProject });
    expect(js.code).toBe(2);
    expect(js.stderr).toMatch(/^routeguard: error: .*routeguard\.config\.js: invalid JSON/);
    fs.rmSync(path.join(root, 'routeguard.config.json'), { force: true });
    expect(ran()).toEqual([]);
  });

  it('the language server: loading, opening, editing and saving every file runs nothing', async () => {
    const client = new LspClient();
    try {
      await client.initialize([root]);
      await client.analyzed();
      for (const file of ['src/app.ts', 'routeguard.config.js', 'next.config.js', 'middleware.ts', 'src/dynamic.ts']) {
        const uri = client.open(path.join(root, file));
        client.change(uri, `${client.text(uri)}\n// edited\n`);
        client.save(uri);
      }
      await client.request('routeguard/analyzeWorkspace', {});
      expect(client.exited).toBeUndefined();
    } finally {
      await client.shutdown();
    }
    expect(ran()).toEqual([]);
  });
});

describe('the planted code', () => {
  it('does leave its marker when it runs (so the checks above can fail)', () => {
    expect(spawnSync(process.execPath, ['routeguard.config.js'], { cwd: root }).status).toBe(0);
    expect(ran()).toEqual(['routeguard-config-js']);
    fs.rmSync(path.join(markers, 'routeguard-config-js'));
  });
});

describe('our own code loads nothing it analyzes and starts no shell', () => {
  /** Every place in analyzer/, server/ and rules/ that loads code, evaluates text or starts a process. */
  function codeLoadingSites(): string[] {
    const sites: string[] = [];
    const dangerousModules = new Set(['vm', 'node:vm', 'child_process', 'node:child_process', 'module', 'node:module', 'worker_threads', 'node:worker_threads']);
    const walkDir = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkDir(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    for (const abs of ['analyzer', 'server', 'rules'].flatMap((d) => walkDir(path.join(REPO, d)))) {
      const file = path.relative(REPO, abs).split(path.sep).join('/');
      const sf = ts.createSourceFile(file, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        const at = () => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && dangerousModules.has(node.moduleSpecifier.text)) sites.push(`${at()} imports ${node.moduleSpecifier.text}`);
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          if (callee.kind === ts.SyntaxKind.ImportKeyword) sites.push(`${at()} import(${node.arguments[0]?.getText(sf)})`);
          if (ts.isIdentifier(callee) && (callee.text === 'require' || callee.text === 'eval')) sites.push(`${at()} ${callee.text}(${node.arguments[0]?.getText(sf)})`);
        }
        if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') sites.push(`${at()} new Function`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    return sites.map((s) => s.replace(/:\d+ /, ' ')).sort();
  }

  it('only the reviewed sites exist', () => {
    expect(codeLoadingSites()).toEqual([
      // The CLI loads its own analyzer lazily (a literal path into the bundle).
      "analyzer/cli/main.ts import('../analyze')",
      // `--changed-since`: git through execFileSync with an argument array, never a shell string.
      'analyzer/cli/changed-files.ts imports node:child_process',
      // `routeguard/debugStats`: reads V8's gc function (the constant string 'gc'), nothing else.
      'server/server.ts imports node:vm',
    ].sort());
  });

  it('the one process started is git, without a shell', () => {
    const text = fs.readFileSync(path.join(REPO, 'analyzer/cli/changed-files.ts'), 'utf8');
    expect(text.match(/execFileSync\(/g)).toHaveLength(1);
    expect(text).toContain("execFileSync('git', args,");
    expect(text).not.toMatch(/shell:\s*true/);
  });
});

describe('dependencies run no install script that fetches from the network', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies?: object; scripts?: Record<string, string>; allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, p]) => p.hasInstallScript)
    .map(([key, p]) => ({ name: key.replace(/^.*node_modules\//, ''), ...p }));

  it('RouteGuard itself has no runtime dependencies and no install script of its own', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$|^prepublish$/.test(s))).toEqual([]);
  });

  it('the packages with install scripts are exactly the reviewed ones, all development-only, each decided in package.json#allowScripts', () => {
    expect(withScripts.map((p) => `${p.name}@${p.version}${p.optional ? ' (optional)' : ''}`).sort()).toEqual([
      // postinstall: copies and version-checks the binary from the optional @esbuild/<platform>
      // package the lockfile pins; only if that package is missing does it fetch (npm, then
      // registry.npmjs.org). See docs/robustness.md.
      'esbuild@0.28.2',
      // postinstall: the same for @vscode/vsce-sign-<platform>.
      '@vscode/vsce-sign@2.1.0',
      // install: prebuild-install (a GitHub download) or node-gyp. Optional dependency of
      // @vscode/vsce for `vsce login`; we only package. Denied.
      'keytar@7.9.0 (optional)',
    ].sort());
    for (const p of withScripts) expect(p.dev, p.name).toBe(true);
    expect(pkg.allowScripts).toEqual({ esbuild: true, '@vscode/vsce-sign': true, keytar: false });
  });
});
