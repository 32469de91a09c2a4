/**
 * Incremental rule runs (analyzer/engine/incremental.ts) give what a whole run gives. Every
 * fixture app is loaded into a session; each of its source files is then edited in a few ways
 * (a line inserted at the top, shifting every offset; a line deleted where a guard, mount or
 * middleware is registered; a character changed inside a string), and so is each other text file
 * (.env, config files: a line inserted at the top); after each edit the
 * scoped run's findings must equal a whole run's on the same facts, field by field. The same
 * edits run on a project from the bench's generator (Express, Fastify and Next mixed, a 40-route
 * file), where the runs are scoped to a small share of a few hundred routes.
 *
 * `RG_FIXTURES=express/foo,next` runs only the apps whose path under test-fixtures starts with one
 * of the given prefixes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../analyzer/config/load-config';
import type { AnalysisResult } from '../analyzer/engine/result';
import { ProjectSession } from '../analyzer/session';
import { compareRoutes } from '../analyzer/model/route-index';
import { FIXTURES, fixtureApps } from './helpers/fixture-apps';
import { oneFileSession } from './helpers/one-file-session';
// @ts-expect-error: a plain ES module without types (the bench's corpus generator).
import { bigRouteFile, generateCorpus } from '../bench/generate.mjs';

/** Everything a user sees of a finding. */
function comparable(result: AnalysisResult): string[] {
  return result.findings.map((f) => JSON.stringify([f.ruleId, f.severity, f.location, f.message, f.routeKey, f.related, f.fix, f.fingerprint, f.suppressed ?? null]));
}

/** The edits tried on one file: each returns the edited text, or undefined when it does not apply. */
const EDITS: { name: string; apply(text: string): string | undefined }[] = [
  { name: 'line inserted at the top', apply: (text) => `// edited\n${text}` },
  {
    name: 'a registration line deleted',
    apply: (text) => {
      const lines = text.split('\n');
      const at = lines.findIndex((l) => /\.(use|register|addHook)\(|\b(requireAuth|authenticate|verifyToken)\b/.test(l) && !/^\s*(import|export)\b/.test(l));
      return at < 0 ? undefined : [...lines.slice(0, at), '', ...lines.slice(at + 1)].join('\n');
    },
  },
  // Inside an inline callback (`router.get('/x', async (req, res) => { … })`): an edit region,
  // so only the routes that reach it are re-evaluated and the file's other findings are shifted.
  {
    name: 'a statement typed at the start of an inline callback',
    apply: (text) => {
      const at = inlineBodyStart(text);
      return at === undefined ? undefined : `${text.slice(0, at)}\n    const typed = 1;${text.slice(at)}`;
    },
  },
  {
    name: 'a statement deleted in an inline callback',
    apply: (text) => {
      const at = inlineBodyStart(text);
      if (at === undefined) return undefined;
      const lineEnd = text.indexOf('\n', at + 1);
      const next = text.indexOf('\n', lineEnd + 1);
      if (lineEnd < 0 || next < 0 || !/;\s*$/.test(text.slice(lineEnd, next))) return undefined;
      return `${text.slice(0, lineEnd)}${text.slice(next)}`;
    },
  },
  {
    name: 'req.body read as req.query in an inline callback',
    apply: (text) => {
      const at = inlineBodyStart(text, /req\.body/);
      if (at === undefined) return undefined;
      const read = text.indexOf('req.body', at);
      return `${text.slice(0, read)}req.query${text.slice(read + 'req.body'.length)}`;
    },
  },
  // Inside a registration statement: an edit region too (the statement).
  {
    name: 'a guard added to a registration',
    apply: (text) => {
      const match = /\.(get|post|put|patch|delete)\((['"`])[^'"`\n]*\2, /.exec(text);
      if (!match) return undefined;
      const at = match.index + match[0].length;
      return `${text.slice(0, at)}requireAuth, ${text.slice(at)}`;
    },
  },
  {
    name: 'a character changed in a string',
    apply: (text) => {
      const at = text.lastIndexOf("'", text.lastIndexOf("'") - 1);
      return at < 0 ? undefined : `${text.slice(0, at + 1)}x${text.slice(at + 1)}`;
    },
  },
];

/**
 * Where the body of the last inline arrow callback of a call statement starts (after its `{`), when
 * its body matches `within` (in its first 400 characters).
 */
function inlineBodyStart(text: string, within?: RegExp): number | undefined {
  const callbacks = [...text.matchAll(/,\s*(async\s*)?\((req|request)\b[^)]*\)\s*=>\s*\{/g)];
  for (const match of callbacks.reverse()) {
    const at = match.index + match[0].length;
    if (!within || within.test(text.slice(at, at + 400))) return at;
  }
  return undefined;
}

/**
 * Each edit of EDITS on each of `files`, then its undo: after both, the session's run (scoped when
 * the edit allows) must equal a whole run. Returns how many edits applied.
 */
async function checkEdits(session: ProjectSession, files: readonly string[]): Promise<number> {
  let applied = 0;
  for (const file of files) {
    const original = session.getText(file)!;
    for (const edit of EDITS) {
      const edited = edit.apply(original);
      if (edited === undefined || edited === original) continue;
      session.setSource(file, edited);
      await session.scanSecrets([file]);
      const incremental = comparable(session.run());
      const whole = comparable(session.run({ whole: true }));
      expect(incremental, `${file}: ${edit.name}`).toEqual(whole);
      session.setSource(file, original);
      await session.scanSecrets([file]);
      expect(comparable(session.run()), `${file}: ${edit.name}, undone`).toEqual(comparable(session.run({ whole: true })));
      applied++;
    }
  }
  return applied;
}

const apps = fixtureApps();

describe('incremental rule runs equal whole runs', () => {
  for (const root of apps) {
    it(path.relative(FIXTURES, root), async () => {
      const { config } = loadConfig(root);
      const session = new ProjectSession({ root, config });
      session.loadAll();
      await session.scanSecrets();
      const { model } = session.run();
      // Rules put routes found through the route index back in model order with compareRoutes.
      expect([...model.routes].sort(compareRoutes)).toEqual(model.routes);
      const scopedRuns = await checkEdits(session, session.sourceFiles.sort());
      // Other text files (.env, config): only scanned for secrets.
      for (const file of [...session.otherTextFiles].sort()) {
        const original = session.getText(file);
        if (original === undefined) continue;
        session.setTextFile(file, `# edited\n${original}`);
        await session.scanSecrets([file]);
        expect(comparable(session.run()), `${file}: line inserted at the top`).toEqual(comparable(session.run({ whole: true })));
        session.setTextFile(file, original);
        await session.scanSecrets([file]);
        expect(comparable(session.run()), `${file}: undone`).toEqual(comparable(session.run({ whole: true })));
      }
      expect(scopedRuns).toBeGreaterThan(0);
    });
  }

  it('a finding dropped inside an edit region renumbers its twin outside it (fingerprint occurrences)', async () => {
    // The same request line twice: two insecure-transport findings with one text anchor, told
    // apart by their occurrence number.
    const call = "  await fetch('http://payments.acme-billing.com/api/charge');";
    const text = ["import express from 'express';", 'const app = express();', "app.get('/a', async (req, res) => {", call, '  res.json({});', '});', "app.get('/b', async (req, res) => {", call, '  res.json({});', '});', 'export default app;', ''].join('\n');
    const { session, remove } = oneFileSession({ express: '4.19.2' }, 'app.ts', text);
    try {
      const before = session.run().findings.filter((f) => f.ruleId === 'insecure-transport');
      expect(before.map((f) => f.location.span.start)).toEqual([text.indexOf(call) + 14, text.lastIndexOf(call) + 14]);
      // Deleted from the first handler (an edit region): the second is kept, and is now the first.
      const edited = text.replace(`${call}\n`, '');
      session.setSource('app.ts', edited);
      const scoped = session.run();
      expect(session.lastRunRegions).toBe(1);
      const kept = scoped.findings.filter((f) => f.ruleId === 'insecure-transport');
      expect(kept.map((f) => f.location.span.start)).toEqual([edited.indexOf(call) + 14]);
      expect(kept[0]!.fingerprint).toBe(before[0]!.fingerprint);
      expect(comparable(scoped)).toEqual(comparable(session.run({ whole: true })));
    } finally {
      remove();
    }
  });

  it("a route's fix that shares a declaration with other routes' fixes is the same in a scoped run (missing-rate-limit)", async () => {
    // Two sign-in routes: the limiter declaration of both fixes goes above the first. Found by
    // random edits of the bench's big file: a scoped run that checked only the second route put
    // the declaration above that one.
    const text = [
      "import express from 'express';",
      "import bcrypt from 'bcryptjs';",
      'const router = express.Router();',
      "router.post('/login', async (req, res) => {",
      '  res.json({ ok: await bcrypt.compare(req.body.password, "x") });',
      '});',
      "router.post('/pin', async (req, res) => {",
      '  res.json({ ok: true });',
      '});',
      'export default router;',
      '',
    ].join('\n');
    const { session, remove } = oneFileSession({ express: '4.19.2', 'express-rate-limit': '7.4.0', bcryptjs: '2.4.3' }, 'routes.ts', text);
    try {
      session.run();
      // The second route starts checking a password inside its handler (an edit region).
      session.setSource('routes.ts', text.replace('  res.json({ ok: true });', '  res.json({ ok: await bcrypt.compare(req.body.password, "y") });'));
      const scoped = session.run();
      expect(session.lastRunRegions).toBe(1);
      const fixes = scoped.findings.filter((f) => f.ruleId === 'missing-rate-limit').map((f) => f.fix?.edits.find((e) => e.text.includes('const authLimiter'))?.start);
      expect(fixes).toEqual([text.indexOf("router.post('/login'"), text.indexOf("router.post('/login'")]);
      expect(comparable(scoped)).toEqual(comparable(session.run({ whole: true })));
    } finally {
      remove();
    }
  });

  it('a generated project (bench/generate.mjs) with a big route file: scoped runs on a few hundred routes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-incremental-rules-'));
    try {
      generateCorpus(dir, 60);
      fs.writeFileSync(path.join(dir, 'src/routes/big.ts'), bigRouteFile(40));
      const appFile = path.join(dir, 'src/app.ts');
      const app = fs.readFileSync(appFile, 'utf8');
      fs.writeFileSync(appFile, app.replace('const app = express();', "import big from './routes/big';\nconst app = express();").replace('export default app;', "app.use('/api/big', big);\nexport default app;"));
      const session = new ProjectSession({ root: dir, config: loadConfig(dir).config });
      session.loadAll();
      await session.scanSecrets();
      session.run();
      const files = session.sourceFiles.sort();
      const sample = ['src/app.ts', 'src/routes/big.ts', 'src/middleware/auth.ts', 'src/lib/db.ts', files.find((f) => f.startsWith('src/routes/r'))!, files.find((f) => f.startsWith('src/services/'))!, files.find((f) => f.startsWith('src/plugins/'))!, files.find((f) => f.startsWith('app/'))!];
      let scoped = 0;
      let regions = 0;
      const run = session.run.bind(session);
      session.run = (options) => {
        const result = run(options);
        if (session.lastRunWasScoped) scoped++;
        if (session.lastRunRegions > 0) regions++;
        return result;
      };
      expect(await checkEdits(session, sample)).toBeGreaterThan(15);
      // Most of those runs were scoped (an edit that touches most routes runs whole), and the
      // edits inside inline callbacks were scoped to the callback.
      expect(scoped).toBeGreaterThan(15);
      expect(regions).toBeGreaterThan(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
