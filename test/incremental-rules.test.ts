/**
 * Incremental rule runs (analyzer/engine/incremental.ts) give what a whole run gives. Every
 * fixture app is loaded into a session; each of its source files is then edited in a few ways
 * (a line inserted at the top, shifting every offset; a line deleted where a guard, mount or
 * middleware is registered; a character changed inside a string), and so is each other text file
 * (.env, config files: a line inserted at the top); after each edit the
 * scoped run's findings must equal a whole run's on the same facts, field by field.
 *
 * `RG_FIXTURES=express/foo,next` runs only the apps whose path under test-fixtures starts with one
 * of the given prefixes.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../analyzer/config/load-config';
import type { AnalysisResult } from '../analyzer/engine/result';
import { ProjectSession } from '../analyzer/session';
import { FIXTURES, fixtureApps } from './helpers/fixture-apps';

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
  {
    name: 'a character changed in a string',
    apply: (text) => {
      const at = text.lastIndexOf("'", text.lastIndexOf("'") - 1);
      return at < 0 ? undefined : `${text.slice(0, at + 1)}x${text.slice(at + 1)}`;
    },
  },
];

const apps = fixtureApps();

describe('incremental rule runs equal whole runs', () => {
  for (const root of apps) {
    it(path.relative(FIXTURES, root), async () => {
      const { config } = loadConfig(root);
      const session = new ProjectSession({ root, config });
      session.loadAll();
      await session.scanSecrets();
      session.run();
      let scopedRuns = 0;
      for (const file of session.sourceFiles.sort()) {
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
          scopedRuns++;
        }
      }
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
});
