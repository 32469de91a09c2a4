/**
 * Discovery over the session's memo (what the language server runs after an edit) gives exactly
 * the route model of a fresh run. Every fixture app, and a generated bench-like project, is loaded
 * into a session; each source file is then edited in several ways through `setSource` (a character
 * changed in a string, a line inserted at the top shifting every offset, a statement inserted in a
 * handler, a mount path or plugin prefix changed, a `use`/hook/register line removed, the file
 * deleted), and after each edit, and after undoing it, the model built with the session's memo must
 * equal, as JSON, one built from the same facts with a new memo.
 *
 * `RG_FIXTURES=express/foo,next` runs only the apps whose path under test-fixtures starts with one
 * of the given prefixes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../analyzer/config/load-config';
import { buildRouteModel } from '../analyzer/discovery/discover';
import { DiscoveryMemo } from '../analyzer/discovery/memo';
import type { FileFacts } from '../analyzer/model/ir';
import type { PathAlias } from '../analyzer/discovery/project-index';
import { ProjectSession } from '../analyzer/session';
import { FIXTURES, fixtureApps } from './helpers/fixture-apps';
import { oneFileSession } from './helpers/one-file-session';
// @ts-expect-error: a plain ES module without types (the bench's corpus generator).
import { bigRouteFile, generateCorpus } from '../bench/generate.mjs';

/** The session's own inputs to discovery (what `run()` passes to `buildRouteModel`). */
interface SessionInternals {
  facts: Map<string, FileFacts>;
  aliases: PathAlias[];
  memo: DiscoveryMemo;
}

/**
 * The model of the session's own run (with edit regions: values carried past them, memo.ts
 * `RegionEdit`), the model discovery then builds over the same memo, and a fresh one.
 */
function models(session: ProjectSession): { run: string; memoized: string; fresh: string } {
  const s = session as unknown as SessionInternals;
  const run = JSON.stringify(session.run().model);
  const memoized = JSON.stringify(buildRouteModel(s.facts, session.config, s.aliases, s.memo).model);
  const fresh = JSON.stringify(buildRouteModel(s.facts, session.config, s.aliases, new DiscoveryMemo()).model);
  return { run, memoized, fresh };
}

/** Replaces the first match of `pattern` (a line), or undefined when nothing matches. */
function editFirstLine(text: string, pattern: RegExp, edit: (line: string) => string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => pattern.test(l) && !/^\s*(import|export)\b/.test(l));
  if (at < 0) return undefined;
  return [...lines.slice(0, at), edit(lines[at]!), ...lines.slice(at + 1)].join('\n');
}

/** The edits tried on one file: each returns the edited text (undefined: delete the file), or 'skip'. */
const EDITS: { name: string; apply(text: string): string | undefined | 'skip' }[] = [
  {
    name: 'a character changed in a string',
    apply: (text) => {
      const at = text.lastIndexOf("'", text.lastIndexOf("'") - 1);
      return at < 0 ? 'skip' : `${text.slice(0, at + 1)}x${text.slice(at + 2)}`;
    },
  },
  {
    name: 'a character inserted in a handler',
    apply: (text) => {
      const at = text.indexOf('=> {');
      return at < 0 ? 'skip' : `${text.slice(0, at + 4)} ${text.slice(at + 4)}`;
    },
  },
  { name: 'a line inserted at the top', apply: (text) => `// edited\n${text}` },
  {
    name: 'a statement inserted in a handler',
    apply: (text) => {
      const at = text.indexOf('=> {');
      return at < 0 ? 'skip' : `${text.slice(0, at + 4)}\n  const inserted = 1;${text.slice(at + 4)}`;
    },
  },
  {
    // Inside an inline handler (an edit region): its facts change, its neighbours' are carried.
    name: 'req.body read as req.query in a handler',
    apply: (text) => {
      const at = text.search(/(req|request)\.body\b/);
      if (at < 0) return 'skip';
      const dot = text.indexOf('.body', at);
      return `${text.slice(0, dot)}.query${text.slice(dot + '.body'.length)}`;
    },
  },
  {
    name: 'a mount path or prefix changed',
    apply: (text) => editFirstLine(text, /\.use\(\s*['"`]\/|prefix:\s*['"`]/, (l) => l.replace(/(\.use\(\s*['"`]\/|prefix:\s*['"`]\/?)/, '$1moved')) ?? 'skip',
  },
  {
    name: 'a use/hook/register line removed',
    apply: (text) => editFirstLine(text, /\.(use|addHook|register)\(/, () => '') ?? 'skip',
  },
  {
    name: 'a guard removed from a registration',
    apply: (text) => editFirstLine(text, /\b(requireAuth|authenticate|verifyToken|requireRole\([^)]*\)),\s/, (l) => l.replace(/\b(requireAuth|authenticate|verifyToken|requireRole\([^)]*\)),\s/, '')) ?? 'skip',
  },
  { name: 'the file deleted', apply: () => undefined },
];

/** Edits every listed file in every way, comparing memoized and fresh models after each step. */
function checkEdits(session: ProjectSession, files: readonly string[]): number {
  let checked = 0;
  for (const file of files) {
    const original = session.getText(file)!;
    for (const edit of EDITS) {
      const edited = edit.apply(original);
      if (edited === 'skip' || edited === original) continue;
      session.setSource(file, edited);
      let { run, memoized, fresh } = models(session);
      expect(run, `${file}: ${edit.name} (run)`).toBe(fresh);
      expect(memoized, `${file}: ${edit.name}`).toBe(fresh);
      session.setSource(file, original);
      ({ run, memoized, fresh } = models(session));
      expect(run, `${file}: ${edit.name}, undone (run)`).toBe(fresh);
      expect(memoized, `${file}: ${edit.name}, undone`).toBe(fresh);
      checked++;
    }
  }
  return checked;
}

const apps = fixtureApps();

describe('memoized discovery equals a fresh run', () => {
  for (const root of apps) {
    it(path.relative(FIXTURES, root), () => {
      const { config } = loadConfig(root);
      const session = new ProjectSession({ root, config });
      session.loadAll();
      const { run, memoized, fresh } = models(session);
      expect(run).toBe(fresh);
      expect(memoized).toBe(fresh);
      expect(checkEdits(session, session.sourceFiles.sort())).toBeGreaterThan(0);
    });
  }

  const dirs: string[] = [];
  const removals: (() => void)[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    for (const remove of removals) remove();
  });

  it('handler facts read from a function holding the edit region are read again, not carried', () => {
    // The sign-up handler calls `mountAdmin`, whose inline callback is where the edit goes: the
    // sign-up's credential operations are read through that call, so they cannot be carried.
    const text = [
      "import express from 'express';",
      "import bcrypt from 'bcrypt';",
      'const router = express.Router();',
      'function mountAdmin(r) {',
      "  r.post('/admin/users', async (req, res) => {",
      '    res.json({});',
      '  });',
      '}',
      "router.post('/signup', async (req, res) => {",
      '  mountAdmin(router);',
      '  res.json({});',
      '});',
      'export default router;',
      '',
    ].join('\n');
    const { session, remove } = oneFileSession({ express: '4.19.2', bcrypt: '5.1.1' }, 'routes.ts', text);
    removals.push(remove);
    session.run();
    const edited = text.replace('    res.json({});\n  });', '    await bcrypt.hash(req.body.password, 10);\n    res.json({});\n  });');
    session.setSource('routes.ts', edited);
    const { run, fresh } = models(session);
    expect(session.lastRunRegions).toBe(1);
    expect(run).toBe(fresh);
    const signup = (JSON.parse(run) as { routes: { path: string; handlerFacts: { credentialOps: string[] } }[] }).routes.find((r) => r.path === '/signup');
    expect(signup?.handlerFacts.credentialOps).toEqual(['password-hash']);
  });

  it('a generated project (bench/generate.mjs) with a big route file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-incremental-discovery-'));
    dirs.push(dir);
    generateCorpus(dir, 60);
    fs.writeFileSync(path.join(dir, 'src/routes/big.ts'), bigRouteFile(40));
    const appFile = path.join(dir, 'src/app.ts');
    const app = fs.readFileSync(appFile, 'utf8');
    fs.writeFileSync(appFile, app.replace(`const app = express();`, `import big from './routes/big';\nconst app = express();`).replace(`export default app;`, `app.use('/api/big', big);\nexport default app;`));
    const session = new ProjectSession({ root: dir, config: loadConfig(dir).config });
    session.loadAll();
    const { run, memoized, fresh } = models(session);
    expect(run).toBe(fresh);
    expect(memoized).toBe(fresh);
    const files = session.sourceFiles.sort();
    const sample = ['src/app.ts', 'src/routes/big.ts', 'src/middleware/auth.ts', 'src/lib/db.ts', files.find((f) => f.startsWith('src/routes/r'))!, files.find((f) => f.startsWith('src/plugins/'))!, files.find((f) => f.startsWith('app/'))!];
    expect(checkEdits(session, sample)).toBeGreaterThan(20);
    // Edits inside the big file's inline handlers carried the other handlers' facts past them.
    expect((session as unknown as SessionInternals).memo.carried).toBeGreaterThan(100);
  });
});
