/**
 * A project session: the per-file facts cache behind both faces. The CLI loads every file once and
 * runs; the language server keeps the session, replaces one file's facts on an edit and re-runs
 * discovery and rules over the cached facts (linking summaries is cheap; parsing is not).
 */
import path from 'node:path';
import type { FileFacts } from './model/ir';
import type { Problem, RouteModel } from './model/route-model';
import type { ResolvedConfig } from './config/types';
import type { AnalysisResult } from './engine/result';
import type { AnyRule, SecretHit } from '../rules/utils/define-rule';
import { extractFile } from './extract/extract-file';
import { SyntaxTreeCache } from './extract/incremental-parse';
import { listProjectFiles } from './project/list-files';
import { readProjectFile } from './project/read-files';
import { buildRouteModel } from './discovery/discover';
import { DiscoveryMemo, type RegionEdit } from './discovery/memo';
import type { PathAlias } from './discovery/project-index';
import { evaluateRules, finishFindings, finishMergedFindings, sortFindings } from './engine/run-rules';
import { mergeFindings, planScope, type PreviousRun } from './engine/incremental';
import { editRegion, type EditRegion } from './engine/edit-region';
import { scanTextsForSecrets } from './secrets/secretlint-scan';
import { applySuppressions } from './engine/suppressions';
import { unusedSuppressionFindings } from './engine/unused-suppressions';
import { allRules } from '../rules';

export interface SessionOptions {
  root: string;
  config: ResolvedConfig;
  rules?: readonly AnyRule[];
  /** Report suppressions that matched no finding (`--report-unused-suppressions`). */
  reportUnusedSuppressions?: boolean;
  /**
   * Keep what the next run needs to re-evaluate only what changed (engine/incremental.ts); on by
   * default. A one-shot run (the CLI) turns it off and skips that bookkeeping.
   */
  incremental?: boolean;
}

export class ProjectSession {
  readonly root: string;
  readonly config: ResolvedConfig;
  private readonly rules: readonly AnyRule[];
  /** Discovery work reused across runs while the files it read are unchanged (see discovery/memo.ts). */
  private readonly memo = new DiscoveryMemo();
  private readonly reportUnusedSuppressions: boolean;
  private readonly incremental: boolean;
  private readonly facts = new Map<string, FileFacts>();
  /**
   * The syntax trees of the (at most two) source files edited last, so that the next edit of one is
   * parsed incrementally (extract/incremental-parse.ts); none in a one-shot run.
   */
  private readonly trees: SyntaxTreeCache | undefined;
  private readonly texts = new Map<string, string>();
  private readonly fileProblems = new Map<string, Problem[]>();
  /** Secret pre-scan hits per file, with the text they were computed from (stale hits are ignored). */
  private readonly secretHits = new Map<string, { text: string; hits: SecretHit[] }>();
  private textFiles: string[] = [];
  private aliases: PathAlias[] = [];
  private listingProblems: Problem[] = [];
  /** What the last listing found: source files (even unreadable ones) and other text files. */
  private listedSources = new Set<string>();
  private listedTextFiles = new Set<string>();
  /** The last run, and the files changed since, for incremental runs (see engine/incremental.ts). */
  private previous: PreviousRun | undefined;
  private readonly changedSinceRun = new Set<string>();
  /** Each source file edited since the last run, as it was at that run (for its edit region). */
  private readonly beforeEdits = new Map<string, { text: string; facts: FileFacts } | undefined>();
  /** Set when the file set or listing changed: the next run is whole. */
  private wholeRunNeeded = true;
  /** Whether the last run re-evaluated only part of the project (see `run`). */
  lastRunWasScoped = false;
  /** How many files the last run re-evaluated only within an edit region (engine/edit-region.ts). */
  lastRunRegions = 0;

  constructor(options: SessionOptions) {
    this.root = path.resolve(options.root);
    this.config = options.config;
    this.rules = options.rules ?? allRules;
    this.reportUnusedSuppressions = options.reportUnusedSuppressions ?? false;
    this.incremental = options.incremental ?? true;
    this.trees = this.incremental ? new SyntaxTreeCache(2) : undefined;
  }

  /** Lists, reads and extracts every file of the project. */
  loadAll(onProgress?: (done: number, total: number) => void): void {
    for (const step of this.loadSteps()) onProgress?.(step.done, step.total);
  }

  /**
   * `loadAll()` one file at a time: the language server drives this generator and yields to its
   * message loop between steps, so that it can report progress and stay responsive while loading.
   */
  *loadSteps(): Generator<{ done: number; total: number }, void> {
    const listed = listProjectFiles(this.root, { include: this.config.include, exclude: this.config.exclude, maxFiles: this.config.maxFiles });
    this.listingProblems = listed.problems;
    this.aliases = listed.aliases;
    this.listedSources = new Set(listed.sources);
    this.listedTextFiles = new Set(listed.textFiles);
    this.facts.clear();
    this.texts.clear();
    this.fileProblems.clear();
    this.secretHits.clear();
    this.memo.clear();
    this.trees?.drop();
    this.wholeRunNeeded = true;
    const total = listed.sources.length + listed.textFiles.length;
    let done = 0;
    for (const file of listed.sources) {
      this.readSource(file);
      yield { done: ++done, total };
    }
    this.textFiles = [];
    for (const file of listed.textFiles) {
      this.readTextFile(file);
      yield { done: ++done, total };
    }
  }

  private readSource(file: string, override?: string): void {
    // Loading is not editing: no syntax tree is kept.
    if (override !== undefined) return this.replaceSource(file, override, false);
    const { text, problem } = readProjectFile(this.root, file, this.config.maxFileSize);
    if (text !== undefined) this.replaceSource(file, text, false);
    // After setSource, which records the file's parse problems: a reading problem (e.g. an encoding) comes first.
    if (problem) this.fileProblems.set(file, [problem, ...(this.fileProblems.get(file) ?? [])]);
  }

  private readTextFile(file: string, override?: string): void {
    const { text, problem } = override !== undefined ? { text: override, problem: undefined } : readProjectFile(this.root, file, this.config.maxFileSize);
    // Scanned for secrets only: binary files and other encodings (Latin-1 .properties) are not worth a problem.
    if (problem && problem.kind !== 'binary-file' && problem.kind !== 'encoding') this.fileProblems.set(file, [problem]);
    if (text !== undefined) this.setTextFile(file, text);
  }

  /**
   * Lists the project's files again (after files were created, deleted or renamed on disk, or a
   * tsconfig/.gitignore changed): files no longer listed are dropped, newly listed ones are read
   * and extracted, and files still listed keep their facts. `read` may supply a file's text (the
   * language server's open buffers); otherwise it is read from disk.
   */
  relist(read?: (file: string) => string | undefined): { added: string[]; removed: string[] } {
    const listed = listProjectFiles(this.root, { include: this.config.include, exclude: this.config.exclude, maxFiles: this.config.maxFiles });
    this.listingProblems = listed.problems;
    // Path aliases (tsconfig) may have changed how imports resolve.
    this.aliases = listed.aliases;
    this.memo.clear();
    this.wholeRunNeeded = true;
    const sources = new Set(listed.sources);
    const textFiles = new Set(listed.textFiles);
    const removed: string[] = [];
    const added: string[] = [];
    for (const file of [...this.listedSources]) if (!sources.has(file)) removed.push(file);
    for (const file of [...this.listedTextFiles]) if (!textFiles.has(file)) removed.push(file);
    for (const file of removed) {
      this.setSource(file, undefined);
      this.setTextFile(file, undefined);
    }
    const wasSource = this.listedSources;
    const wasText = this.listedTextFiles;
    this.listedSources = sources;
    this.listedTextFiles = textFiles;
    for (const file of listed.sources) {
      if (wasSource.has(file)) continue;
      added.push(file);
      this.readSource(file, read?.(file));
    }
    for (const file of listed.textFiles) {
      if (wasText.has(file)) continue;
      added.push(file);
      this.readTextFile(file, read?.(file));
    }
    return { added: added.sort(), removed: removed.sort() };
  }

  /** How the current listing treats a project-relative file: analyzed source, scanned text, or neither. */
  fileKind(file: string): 'source' | 'text' | undefined {
    return this.listedSources.has(file) ? 'source' : this.listedTextFiles.has(file) ? 'text' : undefined;
  }

  /** Replaces (or, with `undefined`, removes) the text of a non-source text file (`.env`, config, CI files). */
  setTextFile(file: string, text: string | undefined): void {
    this.changedSinceRun.add(file);
    if (text === undefined) {
      if (this.facts.has(file)) return;
      this.texts.delete(file);
      this.fileProblems.delete(file);
      this.secretHits.delete(file);
      this.textFiles = this.textFiles.filter((f) => f !== file);
      return;
    }
    if (!this.texts.has(file)) this.textFiles.push(file);
    this.texts.set(file, text);
  }

  /**
   * Replaces (or, with `undefined`, removes) one source file's text and facts. The language server
   * calls it on each edit: the file's syntax tree is kept for the next one (see `trees`).
   */
  setSource(file: string, text: string | undefined): void {
    this.replaceSource(file, text, true);
  }

  private replaceSource(file: string, text: string | undefined, edit: boolean): void {
    this.changedSinceRun.add(file);
    if (!this.beforeEdits.has(file)) {
      const facts = this.facts.get(file);
      const before = this.texts.get(file);
      this.beforeEdits.set(file, facts && before !== undefined ? { text: before, facts } : undefined);
    }
    // Adding or removing a file can change how imports resolve: memoized discovery work must go,
    // and the next rule run is whole.
    if ((text === undefined) === this.facts.has(file)) {
      this.memo.clear();
      this.wholeRunNeeded = true;
    }
    if (text === undefined) {
      this.trees?.drop(file);
      this.facts.delete(file);
      this.texts.delete(file);
      this.fileProblems.delete(file);
      this.secretHits.delete(file);
      return;
    }
    const options = { timeBudgetMs: this.config.fileTimeBudgetMs };
    let facts: FileFacts;
    if (this.trees && edit) {
      facts = this.trees.extract(file, text, this.facts.has(file) ? this.texts.get(file) : undefined, options);
    } else {
      this.trees?.drop(file);
      facts = extractFile(file, text, options);
    }
    this.facts.set(file, facts);
    this.texts.set(file, text);
    const problems: Problem[] = facts.problems.map((p) => ({ file, span: p.span, kind: p.kind ?? 'parse', message: p.message }));
    if (problems.length > 0) this.fileProblems.set(file, problems);
    else this.fileProblems.delete(file);
  }

  /**
   * Records the secret pre-scan's hits for one file (see analyzer/secrets), for the file's current
   * text: once the text changes, `run()` ignores them until the file is scanned again.
   */
  setSecretHits(file: string, hits: SecretHit[]): void {
    this.changedSinceRun.add(file);
    const text = this.texts.get(file);
    if (hits.length > 0 && text !== undefined) this.secretHits.set(file, { text, hits });
    else this.secretHits.delete(file);
  }

  /**
   * Runs the secret pre-scan (secretlint) over the given files, or over every source and text file,
   * using the text already read. Asynchronous, so it runs after `loadAll()` (and, in the language
   * server, after `setSource()` for the edited file); `run()` stays synchronous and rules read the
   * stored hits. Skipped when `hardcoded-secret` is off. A file edited while its scan ran keeps no
   * hits from the old text.
   */
  async scanSecrets(files?: readonly string[]): Promise<void> {
    if (this.config.rules['hardcoded-secret']?.severity === 'off') return;
    const targets = files ?? [...this.facts.keys(), ...this.textFiles];
    const inputs = targets.flatMap((file) => {
      const text = this.texts.get(file);
      return text === undefined ? [] : [{ file, text }];
    });
    for (const { file, text, hits } of await scanTextsForSecrets(inputs)) {
      if (this.texts.get(file) === text) this.setSecretHits(file, hits);
    }
  }

  hasFile(file: string): boolean {
    return this.facts.has(file);
  }

  getText(file: string): string | undefined {
    return this.texts.get(file);
  }

  get sourceFiles(): string[] {
    return [...this.facts.keys()];
  }

  get otherTextFiles(): readonly string[] {
    return this.textFiles;
  }

  /** The regions with the facts the last run read of their files, for discovery's memo. */
  private regionEdits(regions: ReadonlyMap<string, EditRegion>): Map<string, RegionEdit> {
    const edits = new Map<string, RegionEdit>();
    for (const [file, region] of regions) {
      const before = this.beforeEdits.get(file);
      if (before) edits.set(file, { ...region, before: before.facts });
    }
    return edits;
  }

  /**
   * Where each source file changed since the last run, when every change lies inside an inline
   * callback (see engine/edit-region.ts); empty when any does not, since a change elsewhere can
   * reach any code of its file.
   */
  private editRegions(): Map<string, EditRegion> {
    const regions = new Map<string, EditRegion>();
    for (const file of this.changedSinceRun) {
      if (!this.facts.has(file) && !this.beforeEdits.has(file)) continue; // a text file
      const before = this.beforeEdits.get(file);
      const facts = this.facts.get(file);
      const text = this.texts.get(file);
      if (!before || !facts || text === undefined) return new Map();
      if (before.text === text) continue;
      const region = editRegion(before.text, text, before.facts, facts);
      if (!region) return new Map();
      regions.set(file, region);
    }
    return regions;
  }

  /**
   * Discovery and rules over the cached facts. Synchronous and pure given the cache. After the
   * first run, rules re-evaluate only what the files changed since the last run can affect (see
   * engine/incremental.ts), unless `whole` is set; the result is the same either way, except for
   * the findings that module documents as late.
   */
  run(options: { whole?: boolean } = {}): AnalysisResult {
    const started = performance.now();
    // Where the files changed since the last run were edited, when each only inside an edit
    // region: discovery carries what read them elsewhere (memo.ts `RegionEdit`), and the rules'
    // scope shrinks to the region (engine/incremental.ts). A whole run re-derives what was carried.
    const regions = options.whole ? new Map<string, EditRegion>() : this.editRegions();
    if (options.whole) this.memo.forgetCarried();
    this.memo.setRegionEdits(this.regionEdits(regions));
    let model: RouteModel;
    try {
      model = buildRouteModel(this.facts, this.config, this.aliases, this.memo).model;
    } finally {
      this.memo.setRegionEdits(new Map());
    }
    const discovered = performance.now();
    const secrets = [...this.secretHits].flatMap(([file, entry]) => (this.texts.get(file) === entry.text ? entry.hits : []));
    const getText = (file: string) => this.texts.get(file);
    const ruleIds = allRules.map((r) => r.id);
    const ctx = { model, files: this.facts, getText, textFiles: this.textFiles, secrets, config: this.config, ruleIds };
    const previous = options.whole || this.wholeRunNeeded ? undefined : this.previous;
    const plan = previous ? planScope(previous, model, this.changedSinceRun, regions) : undefined;
    const scoped = performance.now();
    const evaluation = evaluateRules(this.rules, plan ? { ...ctx, scope: plan.scope } : ctx, this.incremental ? (previous?.ruleInputs ?? new Map()) : undefined);
    const evaluated = performance.now();
    this.lastRunWasScoped = plan !== undefined;
    this.lastRunRegions = plan?.regions.size ?? 0;
    const merged = previous && plan ? mergeFindings(previous.findings, evaluation.findings, plan, evaluation.wholeRules) : undefined;
    const findings = merged?.findings ?? evaluation.findings;
    const ruleProblems = evaluation.problems;
    // A rule that failed has lost findings that a later scoped run would take as still valid.
    const failed = ruleProblems.length > 0;
    if (merged) finishMergedFindings(findings, merged.touched, getText);
    else finishFindings(findings, getText);
    this.previous = failed || !this.incremental ? undefined : { model, findings: [...findings], ruleInputs: evaluation.inputs };
    this.changedSinceRun.clear();
    this.beforeEdits.clear();
    this.wholeRunNeeded = failed;
    // Kept findings carry the last run's marks; `delete` only where there is one (it is slow).
    for (const f of findings) if (f.suppressed !== undefined) delete f.suppressed;
    const suppressions = applySuppressions(findings, this.facts, new Set(ruleIds));
    if (this.reportUnusedSuppressions && this.config.rules['unused-suppression']?.severity !== 'off') {
      // A suppression for a rule switched off in config matched nothing because the rule did not run.
      const ran = new Set(this.rules.filter((r) => this.config.rules[r.id]?.severity !== 'off').map((r) => r.id));
      findings.push(...unusedSuppressionFindings(suppressions.filter((s) => s.ruleIds.every((id) => ran.has(id))), getText));
      sortFindings(findings);
    }
    const problems: Problem[] = [...this.listingProblems, ...[...this.fileProblems.values()].flat(), ...model.problems, ...ruleProblems];
    problems.sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : (a.span?.start ?? 0) - (b.span?.start ?? 0)));
    return {
      root: this.root,
      files: this.facts,
      model,
      findings,
      problems,
      rules: this.rules.filter((r) => this.config.rules[r.id]?.severity !== 'off'),
      getText,
      stats: {
        sourceFiles: this.facts.size,
        textFiles: this.textFiles.length,
        routes: model.routes.length,
        durationMs: performance.now() - started,
        phases: { discovery: discovered - started, scope: scoped - discovered, rules: evaluated - scoped, finish: performance.now() - evaluated },
      },
    };
  }
}
