/**
 * The generic quick-fix test. In any fixture app, a file `X.fixed.EXT` beside `X.EXT` holds the
 * expected result of applying every fix RouteGuard offers for findings located in `X.EXT` (fixes
 * whose edits touch other files, e.g. `.env.example`, are applied to those files in the temp copy).
 * The app must exclude `**\/*.fixed.*` in its routeguard.config.json so the expectations are not
 * analyzed themselves.
 *
 * For each such pair: apply the fixes to a temp copy, compare with the .fixed file, check that the
 * result parses, re-analyze and check the fixed findings are gone, and that a second application
 * changes nothing (idempotence).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { analyzeProject } from '../analyzer/analyze';
import { applyEdits } from '../analyzer/engine/apply-fixes';
import type { Finding, TextEdit } from '../analyzer/model/finding';

const FIXTURES = path.resolve(__dirname, '../test-fixtures');
const filter = process.env.RG_FIXTURES?.split(',').filter(Boolean);

function findFixedFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) findFixedFiles(abs, out);
    else if (/\.fixed\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name)) out.push(abs);
  }
  return out;
}

function appRootOf(file: string): string {
  let dir = path.dirname(file);
  while (dir.startsWith(FIXTURES) && !fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

function copyApp(root: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-fix-'));
  fs.cpSync(root, tmp, { recursive: true, filter: (src) => !/\.fixed\.(ts|tsx|js|jsx|mjs|cjs)$/.test(src) });
  return tmp;
}

function fixesFor(findings: Finding[], file: string): { finding: Finding; edits: TextEdit[] }[] {
  return findings.filter((f) => !f.suppressed && f.location.file === file && f.fix).map((f) => ({ finding: f, edits: f.fix!.edits }));
}

function applyAll(root: string, fixes: { edits: TextEdit[] }[]): void {
  const byFile = new Map<string, TextEdit[]>();
  for (const fix of fixes) for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const abs = path.join(root, file);
    const text = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '';
    fs.writeFileSync(abs, applyEdits(text, edits).text);
  }
}

const fixedFiles = findFixedFiles(FIXTURES).filter((f) => !filter || filter.some((p) => path.relative(FIXTURES, f).startsWith(p)));

describe('quick-fixes', () => {
  it.each(fixedFiles.map((f) => [path.relative(FIXTURES, f), f]))('%s', async (_name, fixedAbs) => {
    const root = appRootOf(fixedAbs);
    const target = path.relative(root, fixedAbs).split(path.sep).join('/').replace(/\.fixed\.(\w+)$/, '.$1');
    const tmp = copyApp(root);
    try {
      const before = await analyzeProject({ root: tmp });
      const fixes = fixesFor(before.findings, target);
      expect(fixes.length, `no fix offered for findings in ${target}`).toBeGreaterThan(0);
      applyAll(tmp, fixes);
      const fixedText = fs.readFileSync(path.join(tmp, target), 'utf8');
      expect(fixedText).toBe(fs.readFileSync(fixedAbs, 'utf8'));

      const sf = ts.createSourceFile(target, fixedText, ts.ScriptTarget.Latest, false, target.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const syntaxErrors = (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
      expect(syntaxErrors, 'the fixed file must parse').toHaveLength(0);

      const after = await analyzeProject({ root: tmp });
      const fixedKeys = new Set(fixes.map((f) => `${f.finding.ruleId} ${f.finding.routeKey ?? ''}`));
      const remaining = after.findings.filter((f) => !f.suppressed && f.location.file === target && fixedKeys.has(`${f.ruleId} ${f.routeKey ?? ''}`) && f.fix);
      expect(remaining.map((f) => `${f.ruleId}: ${f.message}`), 'fixed findings must be gone').toEqual([]);

      applyAll(tmp, fixesFor(after.findings, target));
      expect(fs.readFileSync(path.join(tmp, target), 'utf8'), 'a second application must change nothing').toBe(fixedText);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
  if (fixedFiles.length === 0) it.skip('no *.fixed.* files yet', () => {});
});
