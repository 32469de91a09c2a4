/**
 * The one generic fixture test. Every app under `test-fixtures/<framework>/…` (a directory with a
 * package.json is an app root) is analyzed once, and its findings are compared with the inline
 * annotations in its files (see test/helpers/annotations.ts and docs/fixtures.md):
 *
 * - `expect: id`           a finding of rule `id` must start on the annotated line;
 * - any other unsuppressed finding fails;
 * - `expect-none: id`      fails if that finding is there;
 * - `todo-expect: id`      fails once the finding appears (the gap closed);
 * - `todo-expect-none: id` fails once the finding disappears;
 * - an annotation naming a rule that did not run fails (typo guard).
 *
 * Suppressed findings are what the user does not see, so they count as absent. Files named
 * `*.fixed.*` are quick-fix expectations (test/fixes.test.ts); their annotations are not read.
 *
 * `RG_FIXTURES=express/foo,next` runs only the apps whose path under test-fixtures starts with one
 * of the given prefixes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import type { AnalysisResult } from '../analyzer/engine/result';
import { computeLineStarts, positionAt } from '../analyzer/extract/lines';
import { FIXTURES, fixtureApps } from './helpers/fixture-apps';
import { type ActualFinding, type Annotation, commentStyleFor, compareFile, parseAnnotations } from './helpers/annotations';

const FIXED_FILE = /\.fixed\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Problems that mean the fixture itself is broken or a rule crashed, never an expected outcome. */
const FATAL_PROBLEMS = new Set(['parse', 'nesting-depth', 'time-budget', 'encoding', 'rule-error', 'discovery-error', 'read-error']);

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Every file of an app (project-relative POSIX), node_modules aside. */
function listAppFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) listAppFiles(root, abs, out);
    else if (entry.isFile()) out.push(toPosix(path.relative(root, abs)));
  }
  return out.sort();
}

function lineOf(result: AnalysisResult, root: string, file: string, offset: number): number {
  const facts = result.files.get(file);
  if (facts) return positionAt(facts.lineStarts, offset).line;
  const text = result.getText(file) ?? (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '');
  return positionAt(computeLineStarts(text), offset).line;
}

/** Runs the analyzer on one app and returns every mismatch, one line each. */
async function checkApp(root: string): Promise<string[]> {
  const result = await analyzeProject({ root });
  const failures: string[] = [];
  const ranRules = new Set(result.rules.map((r) => r.id));

  for (const p of result.problems) {
    if (!FATAL_PROBLEMS.has(p.kind)) continue;
    const where = p.file ? `${p.file}${p.span ? `:${lineOf(result, root, p.file, p.span.start)}` : ''}` : '(project)';
    failures.push(`analyzer problem '${p.kind}' at ${where}: ${p.message}`);
  }

  const annotationsByFile = new Map<string, Annotation[]>();
  for (const file of listAppFiles(root)) {
    if (FIXED_FILE.test(file)) continue;
    const style = commentStyleFor(file);
    if (!style) continue;
    const { annotations, errors } = parseAnnotations(fs.readFileSync(path.join(root, file), 'utf8'), style);
    for (const e of errors) failures.push(`bad annotation at ${file}:${e.line}: ${e.message}`);
    for (const a of annotations) {
      if (!ranRules.has(a.ruleId)) failures.push(`unknown rule '${a.ruleId}' in '${a.kind}' at ${file}:${a.commentLine}; rules that ran: ${[...ranRules].sort().join(', ')}`);
    }
    if (annotations.length > 0) annotationsByFile.set(file, annotations.filter((a) => ranRules.has(a.ruleId)));
  }

  const findingsByFile = new Map<string, ActualFinding[]>();
  for (const f of result.findings) {
    if (f.suppressed) continue;
    const file = f.location.file;
    const list = findingsByFile.get(file) ?? [];
    list.push({ ruleId: f.ruleId, line: lineOf(result, root, file, f.location.span.start), message: f.message });
    findingsByFile.set(file, list);
  }

  const files = [...new Set([...annotationsByFile.keys(), ...findingsByFile.keys()])].sort();
  for (const file of files) failures.push(...compareFile(file, annotationsByFile.get(file) ?? [], findingsByFile.get(file) ?? []));
  return failures;
}

const apps = fixtureApps();

describe('fixture apps', () => {
  it.each(apps.map((root) => [toPosix(path.relative(FIXTURES, root)), root]))('%s', async (name, root) => {
    const failures = await checkApp(root);
    // One readable list instead of a diff against [], so each mismatch is one line.
    if (failures.length > 0) throw new Error(`${failures.length} mismatch(es) in test-fixtures/${name}:\n  - ${failures.join('\n  - ')}`);
  });
  if (apps.length === 0) it.skip('no fixture apps match RG_FIXTURES', () => {});
});

describe('annotation parser', () => {
  it('applies an annotation to the next code line, skipping blank and comment lines, and reads lists and notes', () => {
    const text = [
      "import express from 'express';", // 1
      '// expect: missing-auth, mass-assignment -- admin write', // 2
      '', // 3
      '// a plain comment', // 4
      "router.post('/admin/users', h);", // 5
      '/* todo-expect-none: missing-auth -- factory guard not resolved */', // 6
      "router.put('/users/:id', maybeAuth(), h);", // 7
      'app', // 8
      "  .route('/reports')", // 9
      '  // expect-none: missing-auth', // 10
      '  .get(list)', // 11
    ].join('\n');
    const { annotations, errors } = parseAnnotations(text);
    expect(errors).toEqual([]);
    expect(annotations.map((a) => [a.kind, a.ruleId, a.line, a.note])).toEqual([
      ['expect', 'missing-auth', 5, 'admin write'],
      ['expect', 'mass-assignment', 5, 'admin write'],
      ['todo-expect-none', 'missing-auth', 7, 'factory guard not resolved'],
      ['expect-none', 'missing-auth', 11, undefined],
    ]);
  });

  it('reports malformed annotations instead of ignoring them', () => {
    const text = [
      '// expect missing-auth', // 1: no colon
      'a();',
      '// expect: Missing_Auth', // 3: not kebab-case
      'b();',
      '// todo-expect: missing-auth', // 5: no reason
      'c();',
      "d(); // expect: missing-auth", // 7: after code
      '// expect: missing-auth', // 8: nothing follows
    ].join('\n');
    const { annotations, errors } = parseAnnotations(text);
    expect(annotations).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 5, 7, 8]);
  });

  it('reads # comments in env files, and block and JSX comments in sources', () => {
    expect(commentStyleFor('.env')).toBe('hash');
    expect(commentStyleFor('config/.env.production')).toBe('hash');
    expect(commentStyleFor('src/app.mjs')).toBe('js');
    expect(commentStyleFor('package.json')).toBeUndefined();
    const env = parseAnnotations('# expect: hardcoded-secret\nAWS_SECRET=x\n', 'hash');
    expect(env.annotations.map((a) => a.line)).toEqual([2]);
    const jsx = parseAnnotations(['/**', ' * expect: missing-auth', ' */', '{/* expect-none: permissive-cors */}', 'x();'].join('\n'));
    expect(jsx.errors).toEqual([]);
    expect(jsx.annotations.map((a) => [a.ruleId, a.line])).toEqual([
      ['missing-auth', 5],
      ['permissive-cors', 5],
    ]);
  });

  it('compares: missing, unexpected, expect-none and both kinds of closed gaps', () => {
    const ann = (kind: Annotation['kind'], line: number): Annotation => ({ kind, ruleId: 'missing-auth', note: undefined, commentLine: line - 1, line });
    const found = (line: number) => ({ ruleId: 'missing-auth', line, message: `m${line}` });
    const failures = compareFile('a.ts', [ann('expect', 2), ann('expect', 4), ann('expect-none', 6), ann('todo-expect', 8), ann('todo-expect-none', 10)], [found(2), found(5), found(6), found(8)]);
    expect(failures).toEqual([
      'missing finding missing-auth at a.ts:4 — but it is reported on line 2, 5, 6',
      'unexpected finding missing-auth at a.ts:6 (annotated expect-none): m6',
      "gap closed: missing-auth is now found at a.ts:8; turn 'todo-expect' into 'expect' (comment line 7)",
      "gap closed: missing-auth is no longer reported at a.ts:10; turn 'todo-expect-none' into 'expect-none' (comment line 9)",
      'unexpected finding missing-auth at a.ts:5: m5',
    ]);
  });
});
