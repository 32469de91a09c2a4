/**
 * Random typing in a big route file: after each edit, the language server's run (discovery with
 * values carried past edit regions, rules scoped to what the edit reaches, kept findings merged)
 * must give the route model of a fresh discovery and the findings of a whole run, field by field.
 * test/incremental-rules and test/incremental-discovery try a fixed set of edits on every file;
 * this one types: snippets inserted and characters deleted, mostly inside inline handlers (edit
 * regions), sometimes anywhere. An edit that leaves a syntax error is checked, then undone (a
 * text with a syntax error gives no region). Deterministic from its seed.
 *
 * Known difference, left to the language server's whole run after the edit (reconcile): a quick-fix
 * whose text depends on another route of the file is not re-evaluated with it. missing-rate-limit
 * declares its limiter above the first route of the file (so that all its fixes declare it once);
 * an edit that makes another registration the first (a route's `router.post` typed over, as seed 2
 * does at its 81st edit) leaves the other routes' kept fixes pointing above the old first one,
 * which is still valid code. The default seed does not type over a first registration.
 *
 *   RG_TYPING_EDITS=2000 RG_TYPING_SEED=5 npx vitest run test/incremental-typing
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../analyzer/config/load-config';
import { buildRouteModel } from '../analyzer/discovery/discover';
import { DiscoveryMemo } from '../analyzer/discovery/memo';
import type { AnalysisResult } from '../analyzer/engine/result';
import type { FileFacts } from '../analyzer/model/ir';
import type { PathAlias } from '../analyzer/discovery/project-index';
import { ProjectSession } from '../analyzer/session';
import { pick, prng } from './fuzz/mutate';
// @ts-expect-error: a plain ES module without types (the bench's corpus generator).
import { bigRouteFile, generateCorpus } from '../bench/generate.mjs';

const EDITS = Number(process.env.RG_TYPING_EDITS ?? 120);
const SEED = Number(process.env.RG_TYPING_SEED ?? 1);
const BIG = 'src/routes/big.ts';

/** What is typed: statements a handler gains, guards, reads of the request, half-typed tokens. */
const SNIPPETS = [
  'x',
  ' ',
  ';',
  '(',
  'reqx',
  'req.body.email',
  'requireAuth, ',
  '\n  const b = 1;',
  '\n  const a = req.query.id;',
  'await requireAuth(req, res);',
  'if (!req.user) return res.status(401).end();',
  '\n  if (req.query.x) { return res.status(403).end(); }',
  'res.json(req.body);',
  'z.object({}).parse(req.body);',
  'await bcrypt.hash(req.body.password, 10);',
  'console.log(req.body.password);',
];

interface SessionInternals {
  facts: Map<string, FileFacts>;
  aliases: PathAlias[];
}

function comparable(result: AnalysisResult): string[] {
  return result.findings.map((f) => JSON.stringify([f.ruleId, f.severity, f.location, f.message, f.routeKey, f.related, f.fix, f.fingerprint, f.suppressed ?? null]));
}

describe('random typing in a big route file', () => {
  it(`${EDITS} edits from seed ${SEED}: each run equals a fresh discovery and a whole run`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-incremental-typing-'));
    try {
      generateCorpus(dir, 60);
      fs.writeFileSync(path.join(dir, BIG), bigRouteFile(40));
      const appFile = path.join(dir, 'src/app.ts');
      const app = fs.readFileSync(appFile, 'utf8');
      fs.writeFileSync(appFile, app.replace('const app = express();', "import big from './routes/big';\nconst app = express();").replace('export default app;', "app.use('/api/big', big);\nexport default app;"));
      const session = new ProjectSession({ root: dir, config: loadConfig(dir).config });
      session.loadAll();
      session.run();
      const internals = session as unknown as SessionInternals;
      const random = prng(SEED);
      const int = (n: number) => Math.floor(random() * n);
      let text = session.getText(BIG)!;
      let regions = 0;
      const check = (what: string): void => {
        const run = session.run();
        if (session.lastRunRegions > 0) regions++;
        const fresh = buildRouteModel(internals.facts, session.config, internals.aliases, new DiscoveryMemo()).model;
        expect(JSON.stringify(run.model), `${what}: model`).toBe(JSON.stringify(fresh));
        expect(comparable(run), `${what}: findings`).toEqual(comparable(session.run({ whole: true })));
      };
      for (let i = 0; i < EDITS; i++) {
        // Mostly inside an inline handler (just after a `=> {`), sometimes anywhere.
        const opens = [...text.matchAll(/=> \{/g)].map((m) => m.index + 4);
        const at = int(4) === 0 || opens.length === 0 ? int(text.length) : pick(random, opens) + int(60);
        const cut = int(3) === 0 ? int(12) : 0;
        const typed = int(5) === 0 ? '' : pick(random, SNIPPETS);
        const before = text;
        text = text.slice(0, at) + typed + text.slice(at + cut);
        const what = `seed ${SEED}, edit ${i} (${JSON.stringify({ at, cut, typed })})`;
        session.setSource(BIG, text);
        check(what);
        if (internals.facts.get(BIG)!.problems.length > 0) {
          text = before;
          session.setSource(BIG, text);
          check(`${what}, undone`);
        }
      }
      // Most edits were typed inside a handler: the runs used edit regions.
      expect(regions).toBeGreaterThan(EDITS / 10);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
