/**
 * Meta-tests over the whole rule catalog (after typescript-eslint's and ESLint's): every rule in
 * `allRules` has an id that is kebab-case and equal to its file name in rules/, a doc page, complete
 * and well-formed metadata, and an honest fix flag. A new rule that forgets one of these fails here
 * rather than in a user's SARIF viewer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules';
import type { AnyRule, RuleContext } from '../rules/utils/define-rule';
import { DEFAULT_CONFIG } from '../analyzer/config/types';
import { SEVERITIES } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { analyzeProject } from '../analyzer/analyze';

const ROOT = path.resolve(__dirname, '..');
const RULES_DIR = path.join(ROOT, 'rules');
const DOCS_DIR = path.join(ROOT, 'docs/rules');
const FIXTURES = path.join(ROOT, 'test-fixtures');
/** Rules whose findings (and fixes) the engine creates after every rule ran; their module holds metadata only. */
const ENGINE_REPORTED = new Set(['unused-suppression']);

/** The file in rules/ whose default export is `rule` (found by identity, not by name). */
async function fileOf(rule: AnyRule): Promise<string | undefined> {
  for (const name of fs.readdirSync(RULES_DIR)) {
    if (!/\.ts$/.test(name) || name === 'index.ts') continue;
    const mod = (await import(path.join(RULES_DIR, name))) as { default?: unknown };
    if (mod.default === rule) return name.replace(/\.ts$/, '');
  }
  return undefined;
}

const cases = allRules.map((rule) => [rule.id, rule] as const);

describe('rule catalog', () => {
  it('has no duplicate ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('registers every rule module in rules/', async () => {
    const registered = new Set<unknown>(allRules);
    const unregistered: string[] = [];
    for (const name of fs.readdirSync(RULES_DIR)) {
      if (!/\.ts$/.test(name) || name === 'index.ts') continue;
      const mod = (await import(path.join(RULES_DIR, name))) as { default?: unknown };
      if (!registered.has(mod.default)) unregistered.push(name);
    }
    expect(unregistered, 'rule files not listed in rules/index.ts').toEqual([]);
  });

  describe.each(cases)('%s', (id, rule) => {
    it('has a kebab-case id equal to its file name in rules/', async () => {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(await fileOf(rule)).toBe(id);
    });

    it('has a doc page at docs/rules/<id>.md that starts with its id', () => {
      const doc = path.join(DOCS_DIR, `${id}.md`);
      expect(fs.existsSync(doc), `missing ${path.relative(ROOT, doc)}`).toBe(true);
      expect(fs.readFileSync(doc, 'utf8').split('\n')[0]).toBe(`# ${id}`);
    });

    it('has complete metadata', () => {
      const { meta } = rule;
      expect(meta.summary.trim().length, 'summary').toBeGreaterThan(10);
      expect(meta.summary.trim()).toMatch(/\.$/);
      expect(SEVERITIES).toContain(meta.severity);
      expect(['high', 'medium', 'low']).toContain(meta.confidence);
      expect(meta.cwe.length, 'at least one CWE').toBeGreaterThan(0);
      for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
      for (const api of meta.owaspApi) expect(api).toMatch(/^API([1-9]|10):2023$/);
      expect(['none', 'safe', 'unsafe']).toContain(meta.fix);
    });

    it('has a fix function when its meta names a fix kind', () => {
      if (ENGINE_REPORTED.has(id)) return;
      if (rule.meta.fix !== 'none') expect(typeof rule.fix, `${id}: meta.fix is '${rule.meta.fix}' but the rule has no fix function`).toBe('function');
    });
  });

  // Rules that cannot be checked for a fix in the abstract are checked on real findings: every
  // fixture app is analyzed and each finding's fix must agree with its rule's meta.
  it('offers fixes only of the declared kind, and none from rules declaring none', { timeout: 120_000 }, async () => {
    const mismatches: string[] = [];
    for (const root of appRoots(FIXTURES)) {
      const result = await analyzeProject({ root });
      for (const f of result.findings) {
        const rule = allRules.find((r) => r.id === f.ruleId);
        if (!rule || !f.fix) continue;
        if (rule.meta.fix === 'none') mismatches.push(`${f.ruleId} offered a fix in ${path.relative(FIXTURES, root)}/${f.location.file} but declares fix: 'none'`);
        else if (f.fix.kind !== rule.meta.fix && rule.meta.fix === 'safe') mismatches.push(`${f.ruleId} offered an unsafe fix but declares fix: 'safe'`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('runs every rule on an empty model without throwing or reporting', () => {
    const model = { routes: [] as Route[], apps: [], problems: [] };
    const ctx: RuleContext = { model, files: new Map(), getText: () => undefined, textFiles: [], secrets: [], config: DEFAULT_CONFIG, ruleIds: allRules.map((r) => r.id) };
    for (const rule of allRules) expect([...rule.detect(ctx)], rule.id).toEqual([]);
  });
});

function appRoots(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (fs.existsSync(path.join(abs, 'package.json'))) out.push(abs);
    else appRoots(abs, out);
  }
  return out.sort();
}
