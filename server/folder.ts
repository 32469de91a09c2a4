/**
 * One workspace folder's analysis: a ProjectSession (the per-file facts cache) plus the scheduling
 * around it. Knows nothing of LSP messages; the server (server.ts) feeds it changes and publishes
 * what it produces.
 *
 * How a change becomes a result:
 *   change (buffer edit, file on disk, created/deleted file, config) → pending work
 *   → debounce: an isolated edit runs at once, a burst of edits waits until it pauses
 *   → apply: re-extract only the changed files (from the buffer text when the file is open)
 *   → secret pre-scan of the changed files (asynchronous)
 *   → `session.run()`: re-link the route model from cached facts and run the rules
 *   → publish, unless a newer change arrived meanwhile (then the result is dropped: superseded).
 * After an edit the rules re-evaluate only what the edit can affect (analyzer/engine/incremental.ts);
 * once the editor has been quiet for `reconcileMs`, one whole run catches what that scope can miss.
 * Re-linking from facts is what makes a change in one file (a mount in app.ts, a middleware, a
 * hook) update the findings of every file that depends on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../analyzer/config/load-config';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../analyzer/config/types';
import type { AnalysisResult } from '../analyzer/engine/result';
import { readProjectFile } from '../analyzer/project/read-files';
import { ProjectSession } from '../analyzer/session';
import { allRules } from '../rules';
import type { RgSettings } from './protocol';

export interface Buffer {
  text: string;
  version: number;
}

export interface FolderHost {
  /** The open editor buffer of an absolute path, if any. */
  buffer(absPath: string): Buffer | undefined;
  /** Absolute paths of every open buffer. */
  openPaths(): string[];
  log(level: 'error' | 'warn' | 'info', message: string): void;
  /** Called when a load of the whole folder starts; the returned callbacks report its progress. */
  beginLoad(folder: FolderAnalysis): Promise<{ report(done: number, total: number): void; done(): void }>;
  /** Called when an analysis starts and when a result is ready (or the run failed/was superseded). */
  analyzing(folder: FolderAnalysis): void;
  resultReady(folder: FolderAnalysis): void;
  settled(folder: FolderAnalysis): void;
}

export interface SchedulerTimings {
  /** A burst of edits is analyzed once it pauses for this long. */
  debounceMs: number;
  /** An edit after this long without one is analyzed at once. */
  quietMs: number;
  /** After a scoped run, a whole run follows once nothing changed for this long. */
  reconcileMs: number;
}

export const DEFAULT_TIMINGS: SchedulerTimings = { debounceMs: 150, quietMs: 300, reconcileMs: 2000 };

/** Files whose change means the config must be reloaded. */
const CONFIG_FILES = new Set(['routeguard.config.json', 'package.json']);
/** Files whose change means the listing (which files belong, path aliases) must be redone. */
const LISTING_FILES = new Set(['tsconfig.json', 'jsconfig.json', '.gitignore']);

/** Log where the time of each analysis goes (set with ROUTEGUARD_LOG_FILE, see server.ts). */
const TIMINGS = process.env.ROUTEGUARD_LOG_FILE !== undefined;

/** A test hook: a source text containing this marker makes its extraction throw (see test/lsp). */
const CRASH_MARKER = process.env.ROUTEGUARD_TEST_CRASH_MARKER;

type Outcome = 'done' | 'superseded' | 'failed';

export class FolderAnalysis {
  readonly root: string;
  private session: ProjectSession | undefined;
  private lastGoodConfig: ResolvedConfig | undefined;
  /** The latest result; undefined until the first analysis completes. */
  result: AnalysisResult | undefined;
  /** The config error of the last reload (the folder then runs with the last good config or the defaults). */
  configError: { file: string; message: string } | undefined;
  configSource: string | undefined;
  /** Buffer versions of the texts the session holds, by project-relative path. */
  private readonly appliedVersions = new Map<string, number>();
  /** Files whose text in the session is newer than `result` (applied by a run that has not finished). */
  private readonly changedSinceResult = new Set<string>();
  /** The session was replaced (a reload) after `result` was computed. */
  private reloadedSinceResult = false;

  private readonly pending = { reload: true, relist: false, files: new Set<string>() };
  /** Files whose secret scan is due, with the text to scan. */
  private readonly needScan = new Set<string>();
  private changeSeq = 0;
  private reloadSeq = 0;
  private lastChangeAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private running = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  /** Problems already written to the log, so that each is logged once. */
  private loggedProblems = new Set<string>();

  constructor(
    readonly uri: string,
    readonly name: string,
    root: string,
    public settings: RgSettings,
    private readonly host: FolderHost,
    private readonly timings: SchedulerTimings = DEFAULT_TIMINGS,
  ) {
    this.root = path.resolve(root);
  }

  /** Project-relative POSIX path of an absolute path, or undefined when it is outside this folder. */
  relative(absPath: string): string | undefined {
    const rel = path.relative(this.root, absPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  absolute(file: string): string {
    return path.join(this.root, ...file.split('/'));
  }

  get config(): ResolvedConfig {
    return this.session?.config ?? this.lastGoodConfig ?? DEFAULT_CONFIG;
  }

  getText(file: string): string | undefined {
    return this.session?.getText(file);
  }

  /** Whether the current listing has the file (as a source or a scanned text file). */
  knows(file: string): boolean {
    return this.session?.fileKind(file) !== undefined;
  }

  /**
   * Whether `result` was computed on the text the session holds for `file` now, and that text is
   * the client's buffer `version` (when given): then its spans can be mapped to the client's
   * positions even while a newer analysis is on its way.
   */
  resultMatches(file: string, version: number | undefined): boolean {
    if (!this.result || this.reloadedSinceResult || this.changedSinceResult.has(file)) return false;
    return version === undefined || this.appliedVersions.get(file) === version;
  }

  /** Source and text files the session holds (for `routeguard/debugStats`). */
  fileCount(): number {
    return this.session ? this.session.sourceFiles.length + this.session.otherTextFiles.length : 0;
  }

  appliedVersion(file: string): number | undefined {
    return this.appliedVersions.get(file);
  }

  /** The text of a project file for fixes and positions: the session's, else the disk's. */
  currentText(file: string): string | undefined {
    const known = this.session?.getText(file);
    if (known !== undefined) return known;
    try {
      return fs.readFileSync(this.absolute(file), 'utf8');
    } catch {
      return undefined;
    }
  }

  isBusy(): boolean {
    if (!this.settings.enable) return this.running;
    return this.running || this.timer !== undefined || this.hasPendingWork();
  }

  /** Resolves once no analysis is scheduled or running (or after `timeoutMs`). */
  whenIdle(timeoutMs = 10_000): Promise<void> {
    if (!this.isBusy()) return Promise.resolve();
    return new Promise((resolve) => {
      const timeout = setTimeout(resolve, timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timeout);
        resolve();
      });
    });
  }

  // ── Changes ────────────────────────────────────────────────────────────────────────────────

  /** Everything again from disk: config, listing, every file. */
  reload(): void {
    this.pending.reload = true;
    this.reloadSeq++;
    this.changed();
  }

  /** An open buffer changed (or was opened or closed), or a file changed on disk. */
  fileChanged(absPath: string): void {
    const file = this.relative(absPath);
    if (file === undefined) return;
    if (this.isConfigFile(file)) return this.reload();
    if (LISTING_FILES.has(path.posix.basename(file))) this.pending.relist = true;
    // Opening a file whose buffer holds what the session already has changes nothing.
    const buffer = this.host.buffer(absPath);
    if (buffer && !this.pending.reload && this.session?.getText(file) === buffer.text) {
      this.appliedVersions.set(file, buffer.version);
      if (!this.pending.relist) return;
    }
    this.pending.files.add(file);
    this.changed();
  }

  /** A file was created or deleted on disk (a rename is both). */
  fileCreatedOrDeleted(absPath: string): void {
    const file = this.relative(absPath);
    if (file === undefined) return;
    if (this.isConfigFile(file)) return this.reload();
    this.pending.relist = true;
    this.pending.files.add(file);
    this.changed();
  }

  isConfigFile(file: string): boolean {
    if (this.settings.configPath) return path.resolve(this.root, this.settings.configPath) === this.absolute(file);
    return CONFIG_FILES.has(file);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.cancelReconcile();
    this.settle();
  }

  private hasPendingWork(): boolean {
    return this.pending.reload || this.pending.relist || this.pending.files.size > 0;
  }

  /**
   * Debounce: an edit after a quiet period is analyzed right away (after the messages already
   * queued are read); edits that follow each other closely restart a timer, so a burst of typing
   * is analyzed once it pauses. A run in progress notices the change at its next checkpoint and
   * gives up (see `runOnce`).
   */
  private changed(): void {
    // While disabled, changes only accumulate; enabling the folder reloads it anyway.
    if (this.disposed || !this.settings.enable) return;
    this.changeSeq++;
    this.cancelReconcile();
    const now = performance.now();
    const quiet = now - this.lastChangeAt > this.timings.quietMs;
    this.lastChangeAt = now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runLoop();
      },
      quiet && !this.running ? 0 : this.timings.debounceMs,
    );
  }

  private async runLoop(): Promise<void> {
    if (this.running || this.disposed) return;
    this.running = true;
    try {
      while (!this.disposed && this.hasPendingWork() && this.timer === undefined) {
        this.host.analyzing(this);
        let outcome: Outcome;
        try {
          outcome = await this.runOnce();
        } catch (error) {
          // A bug in the server's own pipeline: keep the previous diagnostics and keep serving.
          this.host.log('error', `analysis of ${this.name} failed: ${describeError(error)}`);
          outcome = 'failed';
        }
        if (outcome === 'done') this.host.resultReady(this);
        if (outcome === 'failed') break;
      }
    } finally {
      this.running = false;
      if (!this.isBusy()) this.settle();
    }
  }

  private cancelReconcile(): void {
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
  }

  /** Once quiet, one whole run after scoped ones: published only when it differs. */
  private scheduleReconcile(): void {
    this.cancelReconcile();
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = undefined;
      if (this.disposed || this.isBusy() || !this.session) return;
      const seq = this.changeSeq;
      let result: AnalysisResult;
      try {
        result = this.session.run({ whole: true });
      } catch (error) {
        this.host.log('error', `${this.name}: analysis failed, previous results kept: ${describeError(error)}`);
        return;
      }
      if (seq !== this.changeSeq || !this.result) return;
      const before = this.result.findings.map((f) => `${f.fingerprint} ${f.message} ${f.location.span.start}`).join('\n');
      const after = result.findings.map((f) => `${f.fingerprint} ${f.message} ${f.location.span.start}`).join('\n');
      this.result = result;
      if (before !== after) {
        this.host.log('info', `${this.name}: the whole run after the last edit changed findings the scoped run kept`);
        this.host.resultReady(this);
      }
    }, this.timings.reconcileMs);
  }

  private settle(): void {
    this.host.settled(this);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** One pass over the pending work; gives up ('superseded') when a newer change arrived. */
  private async runOnce(): Promise<Outcome> {
    const seq = this.changeSeq;
    const t0 = performance.now();
    if (this.pending.reload || !this.session) {
      if (!(await this.load())) return 'superseded';
    } else {
      if (this.pending.relist) {
        this.pending.relist = false;
        const { added, removed } = this.session.relist((file) => this.host.buffer(this.absolute(file))?.text);
        for (const file of removed) {
          this.appliedVersions.delete(file);
          this.changedSinceResult.add(file);
        }
        for (const file of added) {
          this.needScan.add(file);
          this.changedSinceResult.add(file);
        }
        if (added.length + removed.length > 0) this.host.log('info', `${this.name}: ${added.length} file(s) added, ${removed.length} removed`);
      }
      const files = [...this.pending.files];
      this.pending.files.clear();
      for (const file of files) this.apply(file);
    }

    const t1 = performance.now();
    if (this.needScan.size > 0) {
      const session = this.session!;
      const scanned = [...this.needScan].map((file) => ({ file, text: session.getText(file) }));
      try {
        await session.scanSecrets(scanned.map((s) => s.file));
      } catch (error) {
        this.host.log('warn', `${this.name}: secret scan failed: ${describeError(error)}`);
      }
      for (const s of scanned) if (session.getText(s.file) === s.text) this.needScan.delete(s.file);
    }
    if (seq !== this.changeSeq && this.timer !== undefined) return 'superseded';
    const t2 = performance.now();

    let result: AnalysisResult;
    try {
      result = this.session!.run();
    } catch (error) {
      this.host.log('error', `${this.name}: analysis failed, previous results kept: ${describeError(error)}`);
      return 'failed';
    }
    // Published at once, without first letting the connection read what arrived during the run:
    // the diagnostics carry the buffer versions they were computed on, so a result that a newer
    // edit makes stale is still consistent, and the next run follows. A yield here would also let
    // V8 run the young-generation collection it schedules as a task (10-15 ms with the server's
    // 64 MB semi-space) between the run and its publication, on every other edit.
    this.result = result;
    this.changedSinceResult.clear();
    this.reloadedSinceResult = false;
    this.logProblems(result);
    if (this.session!.lastRunWasScoped) this.scheduleReconcile();
    if (TIMINGS) {
      const ms = (a: number, b: number) => `${(b - a).toFixed(1)} ms`;
      const phases = result.stats.phases;
      const split = phases ? ` [discovery ${phases.discovery.toFixed(1)}, scope ${phases.scope.toFixed(1)}, rules ${phases.rules.toFixed(1)}, finish ${phases.finish.toFixed(1)}]` : '';
      this.host.log('info', `${this.name}: read+extract ${ms(t0, t1)}, secret scan ${ms(t1, t2)}, link+rules ${result.stats.durationMs.toFixed(1)} ms${split} (${result.stats.sourceFiles} files, ${result.model.routes.length} routes, ${result.findings.length} findings)`);
    }
    return 'done';
  }

  /** Loads the config and every file, yielding between files; false when a newer reload superseded it. */
  private async load(): Promise<boolean> {
    const seq = this.reloadSeq;
    this.pending.reload = false;
    this.pending.relist = false;
    const config = this.loadConfig();
    const session = new ProjectSession({ root: this.root, config });
    const progress = await this.host.beginLoad(this);
    try {
      let slice = performance.now();
      for (const step of session.loadSteps()) {
        if (performance.now() - slice < 25) continue;
        progress.report(step.done, step.total);
        await yieldToEventLoop();
        slice = performance.now();
        if (seq !== this.reloadSeq || this.disposed) return false;
      }
    } catch (error) {
      this.host.log('error', `${this.name}: loading failed: ${describeError(error)}`);
    } finally {
      progress.done();
    }
    this.session = session;
    this.reloadedSinceResult = true;
    this.appliedVersions.clear();
    this.needScan.clear();
    for (const file of [...session.sourceFiles, ...session.otherTextFiles]) this.needScan.add(file);
    // Open buffers win over the disk, and files changed during the load are read again.
    for (const abs of this.host.openPaths()) {
      const file = this.relative(abs);
      if (file !== undefined) this.pending.files.add(file);
    }
    const files = [...this.pending.files];
    this.pending.files.clear();
    for (const file of files) this.apply(file);
    this.host.log('info', `${this.name}: loaded ${session.sourceFiles.length} source files${this.configSource ? ` with ${this.configSource}` : ''}`);
    return true;
  }

  private loadConfig(): ResolvedConfig {
    let config: ResolvedConfig;
    this.configError = undefined;
    try {
      const explicit = this.settings.configPath ? path.resolve(this.root, this.settings.configPath) : undefined;
      const loaded = loadConfig(this.root, explicit);
      config = loaded.config;
      this.configSource = loaded.source && explicit ? path.relative(this.root, explicit).split(path.sep).join('/') : loaded.source;
      this.lastGoodConfig = config;
    } catch (error) {
      const message = describeError(error);
      const file = this.settings.configPath || (fs.existsSync(path.join(this.root, 'routeguard.config.json')) ? 'routeguard.config.json' : 'package.json');
      this.configError = { file: file.split(path.sep).join('/'), message };
      this.host.log('error', `${this.name}: ${message}; ${this.lastGoodConfig ? 'keeping the last valid configuration' : 'using the defaults'}`);
      config = this.lastGoodConfig ?? DEFAULT_CONFIG;
    }
    return withSettings(config, this.settings, (id) => this.host.log('warn', `${this.name}: routeguard.disabledRules: unknown rule "${id}"`));
  }

  /** Reads one changed file into the session: from its open buffer, else from disk. */
  private apply(file: string): void {
    const session = this.session!;
    const kind = session.fileKind(file);
    if (kind === undefined) return;
    this.changedSinceResult.add(file);
    const buffer = this.host.buffer(this.absolute(file));
    let text = buffer?.text;
    if (text === undefined) {
      const read = readProjectFile(this.root, file, session.config.maxFileSize);
      text = read.text;
    }
    if (buffer) this.appliedVersions.set(file, buffer.version);
    else this.appliedVersions.delete(file);
    this.needScan.add(file);
    if (kind === 'text') return session.setTextFile(file, text);
    try {
      if (CRASH_MARKER && text?.includes(CRASH_MARKER)) throw new Error(`test crash marker in ${file}`);
      session.setSource(file, text);
    } catch (error) {
      // One file's extraction failing must not cost the other files their diagnostics: the file
      // keeps its last good facts (or stays out of the analysis) and the error goes to the log.
      this.host.log('error', `${this.name}: analysing ${file} failed, ${session.hasFile(file) ? 'its last good version is kept' : 'it is left out'}: ${describeError(error)}`);
    }
  }

  private logProblems(result: AnalysisResult): void {
    const fresh = new Set<string>();
    const lines: string[] = [];
    for (const p of result.problems) {
      const line = `${p.file !== undefined ? `${p.file}${p.span ? `@${p.span.start}` : ''}: ` : ''}${p.kind}: ${p.message}`;
      fresh.add(line);
      if (!this.loggedProblems.has(line)) lines.push(line);
    }
    this.loggedProblems = fresh;
    const shown = lines.slice(0, 50);
    for (const line of shown) this.host.log('warn', `${this.name}: ${line}`);
    if (lines.length > shown.length) this.host.log('warn', `${this.name}: … and ${lines.length - shown.length} more problems`);
  }
}

/** The project config with the editor settings on top: rules turned off in `routeguard.disabledRules`. */
export function withSettings(config: ResolvedConfig, settings: RgSettings, unknownRule: (id: string) => void): ResolvedConfig {
  if (settings.disabledRules.length === 0) return config;
  const known = new Set(allRules.map((r) => r.id));
  const rules = { ...config.rules };
  for (const id of settings.disabledRules) {
    if (known.has(id)) rules[id] = { severity: 'off' };
    else unknownRule(id);
  }
  return { ...config, rules };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack && process.env.ROUTEGUARD_DEBUG ? error.stack : error.message;
  return String(error);
}
