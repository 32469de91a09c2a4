/**
 * Incremental parsing (analyzer/extract/incremental-parse.ts): the language server re-extracts the
 * edited file through the syntax tree it kept from the last edit, and the facts must be those of a
 * fresh `extractFile` of the same text, as JSON. Random edit sequences (seeded, so deterministic)
 * over fixture files and a generated route file: keystrokes, deleted and copied lines, renamed
 * identifiers, snippets, removed braces and quotes (syntax errors made and, by undo, fixed again),
 * typing runs. The exhaustive version over the benchmark corpora and real apps is
 * bench/incremental-parse-check.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../analyzer/config/types';
import { extractFile } from '../analyzer/extract/extract-file';
import { SyntaxTreeCache } from '../analyzer/extract/incremental-parse';
import { ProjectSession } from '../analyzer/session';
import { checkSequences } from '../bench/incremental-parse-check';
// @ts-expect-error: plain ESM helper without types
import { bigRouteFile } from '../bench/generate.mjs';

const ROOT = path.resolve(__dirname, '..');

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === 'node_modules') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Every 12th fixture file (all frameworks, .ts/.js/.tsx/.mjs), the examples' route files, and a generated 20-route file. */
function sampleFiles(): { path: string; text: string }[] {
  const fixtures = sourcesUnder(path.join(ROOT, 'test-fixtures')).filter((_, i) => i % 12 === 0);
  const examples = sourcesUnder(path.join(ROOT, 'examples')).filter((f) => /route|app|server|plugin/i.test(f));
  const files = [...fixtures, ...examples].map((f) => ({ path: path.relative(ROOT, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
  files.push({ path: 'src/routes/big.ts', text: bigRouteFile(20) as string });
  return files;
}

describe('incremental parsing', () => {
  it('gives the facts of a full parse after every edit of random sequences', () => {
    const files = sampleFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(new Set(files.map((f) => path.extname(f.path))).size).toBeGreaterThanOrEqual(3);
    const mismatches: string[] = [];
    const { edits, stats } = checkSequences(files, 5, 20240611, (m) => mismatches.push(`${m.file} step ${m.step}: ${m.what}`));
    expect(mismatches).toEqual([]);
    expect(edits).toBeGreaterThan(400);
    // The trees were used: a full parse only for a file's first text, after an eviction, and
    // where the old or new text has a syntax error (many of these random edits make one).
    expect(stats.incremental).toBeGreaterThan(edits * 0.3);
    expect(stats.rejected).toBeGreaterThan(0);
    expect(stats.failed).toBe(0);
  });

  // Found by bench/incremental-parse-check.ts in juice-shop's specs and reduced: TypeScript's
  // incremental parse reports one diagnostic less than a full parse of the new text.
  it.each([
    ["'i\nimport{]type C}from''", "i\nimport{]type C}from''"],
    ['-3t(([{r...C}],{})((e)))', 'y-3t(([{r...C}],{})((e)))'],
  ])('parses in full around syntax errors, where TypeScript recovers otherwise incrementally (%j)', (before, after) => {
    const cache = new SyntaxTreeCache(2);
    cache.extract('a.ts', before, undefined);
    expect(JSON.stringify(cache.extract('a.ts', after, before))).toBe(JSON.stringify(extractFile('a.ts', after)));
    expect(cache.stats.incremental).toBe(0);
  });

  it('parses in full when the kept tree is not of the text the caller last extracted', () => {
    const cache = new SyntaxTreeCache(2);
    const a = "import { Router } from 'express';\nconst r = Router();\nr.get('/a', (req, res) => res.json({}));\n";
    const b = a.replace("'/a'", "'/b'");
    cache.extract('a.ts', a, undefined);
    expect(cache.stats).toEqual({ incremental: 0, full: 1, failed: 0, rejected: 0 });
    // The caller's previous text is not the tree's: no update.
    const facts = cache.extract('a.ts', b, 'something else');
    expect(cache.stats).toEqual({ incremental: 0, full: 2, failed: 0, rejected: 0 });
    expect(JSON.stringify(facts)).toBe(JSON.stringify(extractFile('a.ts', b)));
    const c = b.replace('res.json({})', 'res.status(401).end()');
    expect(JSON.stringify(cache.extract('a.ts', c, b))).toBe(JSON.stringify(extractFile('a.ts', c)));
    expect(cache.stats).toEqual({ incremental: 1, full: 2, failed: 0, rejected: 0 });
    // The same text again: the tree is walked again as it is.
    expect(JSON.stringify(cache.extract('a.ts', c, c))).toBe(JSON.stringify(extractFile('a.ts', c)));
  });

  it('keeps at most two trees, least recently edited first out', () => {
    const cache = new SyntaxTreeCache(2);
    for (const f of ['a.ts', 'b.js', 'c.tsx']) cache.extract(f, 'export const x = 1;\n', undefined);
    expect(cache.paths).toEqual(['b.js', 'c.tsx']);
    cache.extract('b.js', 'export const x = 2;\n', 'export const x = 1;\n');
    expect(cache.paths).toEqual(['c.tsx', 'b.js']);
    cache.drop('b.js');
    expect(cache.paths).toEqual(['c.tsx']);
  });

  it('is used by the language server session on edits, not when loading nor by the one-shot CLI session', () => {
    const root = path.join(ROOT, 'examples/ops-api');
    const trees = (s: ProjectSession): SyntaxTreeCache | undefined => (s as unknown as { trees: SyntaxTreeCache | undefined }).trees;
    const editor = new ProjectSession({ root, config: DEFAULT_CONFIG });
    editor.loadAll();
    expect(trees(editor)!.paths).toEqual([]);
    const files = editor.sourceFiles.slice(0, 3);
    expect(files.length).toBe(3);
    for (const file of files) {
      const text = editor.getText(file)!;
      editor.setSource(file, `${text}\n// edited\n`);
      editor.setSource(file, `${text}\n// edited again\n`);
      expect(JSON.stringify(editor.run().files.get(file))).toBe(JSON.stringify(extractFile(file, `${text}\n// edited again\n`, { timeBudgetMs: DEFAULT_CONFIG.fileTimeBudgetMs })));
    }
    expect(trees(editor)!.paths).toEqual(files.slice(1));
    expect(trees(editor)!.stats.incremental).toBe(3);
    editor.setSource(files[2]!, undefined);
    expect(trees(editor)!.paths).toEqual([files[1]]);

    const cli = new ProjectSession({ root, config: DEFAULT_CONFIG, incremental: false });
    cli.loadAll();
    cli.setSource(files[0]!, `${cli.getText(files[0]!)}\n// edited\n`);
    expect(trees(cli)).toBeUndefined();
  });
});
