/**
 * Exhaustive check of incremental parsing (analyzer/extract/incremental-parse.ts): random edit
 * sequences on real files, and after every edit the facts extracted through the kept tree must
 * equal, as JSON, those of a fresh `extractFile` of the same text.
 *   npx esbuild bench/incremental-parse-check.ts --bundle --platform=node --outfile=/tmp/incremental-parse-check.cjs
 *   node /tmp/incremental-parse-check.cjs [--edits 40] [--seed 1] [--max-files 0] [--dump dir] [dir…]
 * Default dirs: test-fixtures, examples, /tmp/routeguard-bench/n1000, /tmp/apps (when present).
 * Each file gets `--edits` edits in one sequence (a few interleaved with another file's, so that
 * trees are evicted and re-made). Prints the first mismatches with the edit that caused them.
 * test/incremental-parse.test.ts is the compact, deterministic version run by vitest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { extractFile } from '../analyzer/extract/extract-file';
import { SyntaxTreeCache } from '../analyzer/extract/incremental-parse';
// @ts-expect-error: a plain ES module without types (the bench's corpus generator).
import { rng } from './generate.mjs';

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

function listSources(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === '.git' || e.name === '.next') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listSources(full, out);
    else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
  }
}

/** The bench generator's seeded PRNG (mulberry32), as the fuzz test uses it. */
const mulberry32 = rng as (seed: number) => () => number;

const CHARS = [...'abcxyzAZ_$019 \n\t{}()[];,.:?!=<>+-*/%&|^~\'"`\\@#'];
const WORDS = ['req', 'res', 'next', 'auth', 'await ', 'async ', 'return ', 'if (', ') {', '} else {', 'function ', '=> ', 'const ', 'export ', 'default ', 'require(', 'import ', 'from ', 'null', 'router', '.get(', '.post(', '.use(', 'status(401)', '.json(', '${', '`', '/*', '*/', '//', '<div>', '</div>', '@', 'as any', 'satisfies T', '!'];
const SNIPPETS = [
  "if (!req.user) return res.status(401).end();\n",
  "router.get('/extra', requireAuth, async (req, res) => { res.json(await db.find(req.query.id)); });\n",
  "const { email, password } = req.body;\n",
  "/** A doc comment with @param x */\n",
  "// routeguard-disable-next-line missing-auth\n",
  "import express from 'express';\n",
  "const x = require('./y');\n",
  "module.exports = router;\n",
  "export default async function handler(req, res) { if (req.method === 'POST') { return res.status(405).end(); } }\n",
  "switch (req.method) { case 'GET': break; default: res.status(405).end(); }\n",
  "throw new Error(`bad ${req.params.id}`);\n",
  "'use strict';\n",
  '#!/usr/bin/env node\n',
  '<<<<<<< HEAD\n',
  'const el = <App prop={x}>text</App>;\n',
  'for (const k of Object.keys(req.body)) { delete req.body[k]; }\n',
];

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: () => number, n: number): number => Math.floor(rand() * n);

/** One random small edit of `text`: a keystroke, a deleted or duplicated line, a renamed identifier, a snippet, a removed brace or quote. */
export function randomEdit(text: string, rand: () => number): { text: string; what: string } {
  const at = int(rand, text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const splice = (start: number, end: number, insert: string, what: string) => ({ text: text.slice(0, start) + insert + text.slice(end), what: `${what} at ${start}..${end}: ${JSON.stringify(insert).slice(0, 60)}` });
  switch (int(rand, 12)) {
    case 0:
    case 1:
      return splice(at, at, pick(rand, CHARS), 'insert char');
    case 2:
      return splice(at, Math.min(text.length, at + 1 + int(rand, 4)), '', 'delete chars');
    case 3:
      return splice(at, Math.min(text.length, at + 1), pick(rand, CHARS), 'replace char');
    case 4:
      return splice(lineStart, Math.min(text.length, lineEnd + 1), '', 'delete line');
    case 5: {
      const other = int(rand, text.length + 1);
      const s = text.lastIndexOf('\n', other - 1) + 1;
      let e = text.indexOf('\n', other);
      if (e < 0) e = text.length;
      return splice(lineStart, lineStart, `${text.slice(s, e)}\n`, 'copy line');
    }
    case 6: {
      // Rename (or retype) an identifier near the edit point.
      const re = /[A-Za-z_$][\w$]*/g;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) return splice(at, at, pick(rand, WORDS), 'insert word');
      const name = rand() < 0.5 ? `${m[0]}${pick(rand, ['2', 'X', '_'])}` : pick(rand, ['req', 'res', 'next', 'router', 'app', 'auth', 'x', 'default', 'function', 'await']);
      return splice(m.index, m.index + m[0].length, name, 'rename');
    }
    case 7:
      return splice(at, at, pick(rand, WORDS), 'insert word');
    case 8:
      return splice(lineStart, lineStart, pick(rand, SNIPPETS), 'insert snippet');
    case 9: {
      // Remove a brace, bracket or quote: the parser recovers somewhere further down.
      const re = /[{}()[\]'"`]/g;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) return splice(at, at, '{', 'insert brace');
      return splice(m.index, m.index + 1, '', 'delete delimiter');
    }
    case 10: {
      // Replace a range spanning a few lines with a word (a paste over a selection).
      const end = Math.min(text.length, at + int(rand, 200));
      return splice(at, end, pick(rand, WORDS), 'paste');
    }
    default: {
      // Type a word one character at a time: only the last state is returned here; the caller's
      // sequence types the rest (see `typing`).
      return splice(at, at, pick(rand, ['{', '(', '"', '`', '/*', '<']), 'open');
    }
  }
}

interface Mismatch {
  file: string;
  step: number;
  what: string;
  before: string;
  after: string;
}

/**
 * Applies `edits` random edits to each file's text, with undo (back to an earlier text), fixes
 * (a text with a syntax error goes back, half of the time, to the last text without one) and typing runs (one character per keystroke at one
 * place), comparing the incremental path with a fresh extraction after each.
 */
export function checkSequences(files: { path: string; text: string }[], edits: number, seed: number, onMismatch: (m: Mismatch) => void): { edits: number; stats: SyntaxTreeCache['stats'] } {
  const rand = mulberry32(seed);
  const cache = new SyntaxTreeCache(2);
  let count = 0;
  const current = new Map<string, { text: string; history: string[]; clean: string | undefined; broken: boolean }>();
  const apply = (file: string, text: string, what: string): void => {
    const state = current.get(file)!;
    const previous = state.text;
    const incremental = cache.extract(file, text, previous);
    const fresh = extractFile(file, text);
    count++;
    if (JSON.stringify(incremental) !== JSON.stringify(fresh)) onMismatch({ file, step: count, what, before: previous, after: text });
    state.history.push(previous);
    state.text = text;
    state.broken = fresh.problems.some((p) => p.message.startsWith('syntax error'));
    if (!state.broken) state.clean = text;
  };
  for (let i = 0; i < files.length; i++) {
    const { path: file, text } = files[i]!;
    current.set(file, { text, history: [], clean: text, broken: false });
    cache.extract(file, text, undefined);
    // A few edits of the previous file in between evict and re-make trees (capacity 2).
    const neighbour = i > 1 ? files[i - 2]! : undefined;
    for (let n = 0; n < edits; n++) {
      const target = neighbour && rand() < 0.1 ? neighbour.path : file;
      const state = current.get(target)!;
      const roll = rand();
      if (state.broken && state.clean !== undefined && roll < 0.5) {
        // The syntax error is fixed (as an editor's undo would): back to the last text without one.
        apply(target, state.clean, 'fix');
      } else if (roll < 0.1 && state.history.length > 0) {
        const back = state.history[Math.max(0, state.history.length - 1 - int(rand, 3))]!;
        apply(target, back, 'undo');
      } else if (roll < 0.2) {
        const word = pick(rand, ['requireAuth', 'res.status(403)', "'/admin'", '{ ok: true }', 'async (req, res) => {}']);
        let at = int(rand, state.text.length + 1);
        for (const ch of word) {
          apply(target, state.text.slice(0, at) + ch + state.text.slice(at), `type ${JSON.stringify(ch)} at ${at}`);
          at++;
        }
      } else {
        const edit = randomEdit(state.text, rand);
        apply(target, edit.text, edit.what);
      }
    }
  }
  return { edits: count, stats: cache.stats };
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1]! : fallback;
  };
  const edits = Number(option('--edits', '40'));
  const seed = Number(option('--seed', '1'));
  const maxFiles = Number(option('--max-files', '0'));
  const dump = option('--dump', '');
  const dirs = args.length > 0 ? args : ['test-fixtures', 'examples', '/tmp/routeguard-bench/n1000', '/tmp/apps'];
  const paths: string[] = [];
  for (const dir of dirs) listSources(dir, paths);
  paths.sort();
  const files = paths.flatMap((p) => {
    const text = fs.readFileSync(p, 'utf8');
    return text.length > 300_000 ? [] : [{ path: p, text }];
  });
  const selected = maxFiles > 0 ? files.slice(0, maxFiles) : files;
  const mismatches: Mismatch[] = [];
  const started = performance.now();
  const { edits: total, stats } = checkSequences(selected, edits, seed, (m) => {
    mismatches.push(m);
    if (mismatches.length > 20) return;
    console.log(`MISMATCH ${m.file} step ${m.step}: ${m.what}`);
    if (dump) {
      fs.mkdirSync(dump, { recursive: true });
      const base = path.join(dump, `${mismatches.length}${path.extname(m.file)}`);
      fs.writeFileSync(`${base}.before`, m.before);
      fs.writeFileSync(`${base}.after`, m.after);
      console.log(`  texts in ${base}.before / .after`);
    }
  });
  console.log(`${selected.length} files, ${total} edits, ${mismatches.length} mismatches; parses: ${stats.incremental} incremental, ${stats.full} full, ${stats.failed} failed and ${stats.rejected} rejected updates (syntax errors); ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = mismatches.length > 0 ? 1 : 0;
}

// Run as a script, not when test/incremental-parse.test.ts imports the edit sequences.
if (/incremental-parse-check\.(c?js|ts)$/.test(process.argv[1] ?? '')) main();
