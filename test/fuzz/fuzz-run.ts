/**
 * The fuzz loop shared by test/fuzz/fuzz.test.ts (a small count, in CI) and bench/fuzz.mjs
 * (thousands). Input `seed` picks a fixture app under test-fixtures/, one to three of its files
 * and one to four mutations each (test/fuzz/mutate.ts); the mutated texts go through the analyzer
 * as the language server feeds it (a ProjectSession per app, loaded once: setSource, secret scan,
 * run), then through every reporter, and the SARIF log through the official schema.
 *
 * A crash is: an exception, an invalid SARIF log, or a problem that means an exception was
 * swallowed on the way (a rule or a discoverer that threw, an extraction that failed). An input
 * slower than the budget counts as a hang. Inputs are replayed from their seed alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../analyzer/config/load-config';
import { ProjectSession } from '../../analyzer/session';
import { createSarifValidator } from '../helpers/sarif-validator';
import { renderAll } from '../robustness/hostile-inputs';
import { mutate, pick, prng } from './mutate';

export interface FuzzOptions {
  /** How many inputs: seeds `firstSeed` … `firstSeed + count - 1`. */
  count: number;
  firstSeed?: number;
  /** An input that takes longer than this (analysis and reports) counts as a hang. */
  budgetMs?: number;
  /** The folder holding `<framework>/<scenario>/` apps. */
  fixturesDir: string;
  /** Called after each input (progress for the bench script). */
  onInput?: (done: number, summary: FuzzSummary) => void;
}

export interface FuzzFailure {
  seed: number;
  app: string;
  /** `file: mutation` lines, enough to see what the input was; replay with the seed. */
  mutations: string[];
  reason: string;
}

export interface FuzzSummary {
  inputs: number;
  crashes: FuzzFailure[];
  hangs: FuzzFailure[];
  totalMs: number;
  slowestMs: number;
  apps: number;
  /** Inputs whose mutants did not parse (a syntax error recorded): the fuzzing reaches broken code. */
  unparsable: number;
}

/** Problem kinds that mean an exception was caught on the way: a bug, not a property of the input. */
const SWALLOWED = new Set(['rule-error', 'discovery-error']);

/** Fixture apps: folders with a package.json, two levels under `fixturesDir`. */
export function listFixtureApps(fixturesDir: string): string[] {
  const apps: string[] = [];
  for (const framework of fs.readdirSync(fixturesDir).sort()) {
    const dir = path.join(fixturesDir, framework);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const scenario of fs.readdirSync(dir).sort()) {
      if (fs.existsSync(path.join(dir, scenario, 'package.json'))) apps.push(`${framework}/${scenario}`);
    }
  }
  return apps;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const apps = listFixtureApps(options.fixturesDir);
  const sessions = new Map<string, ProjectSession>();
  const validate = createSarifValidator();
  const budgetMs = options.budgetMs ?? 5_000;
  const first = options.firstSeed ?? 1;
  const summary: FuzzSummary = { inputs: 0, crashes: [], hangs: [], totalMs: 0, slowestMs: 0, apps: apps.length, unparsable: 0 };
  const started = performance.now();

  for (let seed = first; seed < first + options.count; seed++) {
    const random = prng(seed);
    const app = pick(random, apps);
    let session = sessions.get(app);
    if (!session) {
      const root = path.join(options.fixturesDir, app);
      session = new ProjectSession({ root, config: loadConfig(root).config });
      session.loadAll();
      await session.scanSecrets();
      sessions.set(app, session);
    }
    const files = [...session.sourceFiles, ...session.otherTextFiles].sort();
    const originals = new Map<string, string>();
    const mutations: string[] = [];
    const fail = (list: FuzzFailure[], reason: string) => list.push({ seed, app, mutations, reason });

    const inputStarted = performance.now();
    try {
      for (let n = 1 + Math.floor(random() * 3); n > 0 && files.length > 0; n--) {
        const file = pick(random, files);
        const text = originals.get(file) ?? session.getText(file) ?? '';
        if (!originals.has(file)) originals.set(file, text);
        let mutated = session.getText(file) ?? text;
        for (let m = 1 + Math.floor(random() * 4); m > 0; m--) {
          const step = mutate(mutated, random);
          mutated = step.text;
          mutations.push(`${file}: ${step.what}`);
        }
        if (session.fileKind(file) === 'text') session.setTextFile(file, mutated);
        else session.setSource(file, mutated);
      }
      await session.scanSecrets([...originals.keys()]);
      const result = session.run();
      const out = renderAll(result);
      const errors = validate(JSON.parse(out.sarif));
      if (errors.length > 0) fail(summary.crashes, `invalid SARIF: ${errors.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
      if (result.problems.some((p) => p.kind === 'parse' && p.file !== undefined && originals.has(p.file))) summary.unparsable++;
      for (const p of result.problems) {
        if (SWALLOWED.has(p.kind) || p.message.startsWith('extraction failed')) fail(summary.crashes, `${p.kind}: ${p.message}`);
      }
    } catch (error) {
      const e = error as Error;
      fail(summary.crashes, `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`);
    } finally {
      const ms = performance.now() - inputStarted;
      summary.slowestMs = Math.max(summary.slowestMs, ms);
      if (ms > budgetMs) fail(summary.hangs, `took ${Math.round(ms)} ms (budget ${budgetMs} ms)`);
      // Back to the app as it is on disk, for the next input that picks it.
      for (const [file, text] of originals) {
        if (session.fileKind(file) === 'text') session.setTextFile(file, text);
        else session.setSource(file, text);
      }
      if (originals.size > 0) await session.scanSecrets([...originals.keys()]);
    }
    summary.inputs++;
    summary.totalMs = performance.now() - started;
    options.onInput?.(summary.inputs, summary);
  }
  return summary;
}

/** The one-line summary both the test and the bench print. */
export function summaryLine(s: FuzzSummary, firstSeed: number): string {
  return `fuzz: ${s.inputs} inputs (seeds ${firstSeed}..${firstSeed + s.inputs - 1}, ${s.apps} fixture apps), ${s.unparsable} did not parse; ${s.crashes.length} crashes, ${s.hangs.length} hangs, ${(s.totalMs / 1000).toFixed(1)} s (slowest input ${Math.round(s.slowestMs)} ms)`;
}

/** A failure as a few lines, with how to replay it. */
export function describeFailure(f: FuzzFailure, replay = (seed: number) => `RG_FUZZ_SEED=${seed} RG_FUZZ_COUNT=1 npx vitest run test/fuzz`): string {
  return [`seed ${f.seed} (${f.app}): ${f.reason}`, ...f.mutations.map((m) => `    ${m}`), `    replay: ${replay(f.seed)}`].join('\n');
}
