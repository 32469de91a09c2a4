/**
 * The RouteGuard language server: LSP 3.17 over the analyzer. One FolderAnalysis per workspace
 * folder (multi-root), fed by document and file-watcher events; diagnostics, quick-fixes, hover,
 * CodeLens and the route map are answered from each folder's latest result.
 *
 * Robustness: nothing the server reads is executed; a failure analysing one file, one run or one
 * request is logged (window/logMessage) and the server goes on with what it had.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult } from '../analyzer/engine/result';
import type { Finding } from '../analyzer/model/finding';
import { SEVERITY_RANK } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { formatSarif } from '../analyzer/reporters/sarif';
import { toDiagnostic, toWorkspaceEdit, quickFix, SOURCE, type DiagnosticData, type EditCapabilities, type Located } from './convert';
import { describeError, FolderAnalysis, type FolderHost, type SchedulerTimings } from './folder';
import { LineIndex, rangesIntersect } from './positions';
import {
  ANALYZE_REQUEST,
  DEBUG_STATS_REQUEST,
  DEFAULT_SETTINGS,
  ROUTES_REQUEST,
  SARIF_REQUEST,
  SELECT_SUPPRESSION_REASON_COMMAND,
  STATUS_NOTIFICATION,
  SUPPRESSION_REASON_PLACEHOLDER,
  type AnalyzeResult,
  type DebugStatsParams,
  type DebugStatsResult,
  type RgInitializationOptions,
  type RgSettings,
  type RouteInfo,
  type RoutesParams,
  type RoutesResult,
  type SarifParams,
  type SarifResult,
  type SeverityName,
  type StatusParams,
} from './protocol';
import { routeFacts, routeHover, routeSummary } from './route-facts';

/** Files the server wants to hear about from the client's file watcher. */
const WATCHED_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/routeguard.config.json',
  '**/{package,tsconfig,jsconfig}.json',
  '**/.gitignore',
  '**/.env',
  '**/.env.*',
  '**/*.{json,yml,yaml,toml,ini,properties,conf,pem,key,sh}',
  '**/{Dockerfile,Dockerfile.*,.npmrc}',
];

const SEVERITIES: SeverityName[] = ['critical', 'high', 'medium', 'low'];

/** A file that also receives the log, with timestamps and request timings (for debugging editor tests). */
const LOG_FILE = process.env.ROUTEGUARD_LOG_FILE;

interface Caps {
  configuration: boolean;
  watchedFiles: boolean;
  workDoneProgress: boolean;
  codeLensRefresh: boolean;
  workspaceFolders: boolean;
  edits: EditCapabilities;
}

export interface ServerOptions {
  timings?: SchedulerTimings;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  new RouteGuardServer(connection, options).listen();
}

class RouteGuardServer implements FolderHost {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly folders = new Map<string, FolderAnalysis>();
  private caps: Caps = { configuration: false, watchedFiles: false, workDoneProgress: false, codeLensRefresh: false, workspaceFolders: false, edits: { documentChanges: false, createFiles: false } };
  private initOptions: RgInitializationOptions = {};
  private initialFolders: WorkspaceFolder[] = [];
  /**
   * What was last published per file (absolute path): the URI used, the diagnostics (compared by
   * content, to publish only changes) and the folder. Keyed by path, not URI: an editor may spell a file's URI
   * differently from us (`%5Bid%5D` for `[id]`), and clearing "another" URI would wipe the same file.
   */
  private readonly published = new Map<string, { uri: string; folder: string; diagnostics: Diagnostic[] }>();
  /**
   * Each finding's diagnostic, with the texts it was positioned on. After an edit most findings
   * are the previous run's objects (analyzer/engine/incremental.ts) in unchanged files: their
   * diagnostics are reused, and a file whose list is made of the same diagnostics is not compared
   * or sent again.
   */
  private readonly diagnosticCache = new WeakMap<Finding, { diagnostic: Diagnostic; texts: (string | undefined)[]; fingerprint: string }>();
  private lastStatus = '';
  /** Buffer and file events that arrive before the workspace folders are set up wait here. */
  private pendingEvents: (() => void)[] | undefined = [];

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized().catch((e) => this.log('error', `initialization failed: ${describeError(e)}`)));
    c.onDidChangeConfiguration(() => void this.refreshSettings().catch((e) => this.log('error', `settings: ${describeError(e)}`)));
    c.onDidChangeWatchedFiles(({ changes }) => {
      for (const change of changes) this.onWatchedFile(change.uri, change.type);
    });
    c.onCodeAction((params) => this.timed('codeAction', () => this.codeActions(params)));
    c.onHover((params) => this.timed('hover', () => this.hover(params.textDocument.uri, params.position)));
    c.onCodeLens((params) => this.timed('codeLens', () => this.codeLenses(params.textDocument.uri)));
    c.onRequest(ROUTES_REQUEST, (params: RoutesParams | undefined) => this.timed('routes', () => this.routes(params ?? {})));
    c.onRequest(SARIF_REQUEST, (params: SarifParams | undefined) => this.timed('sarif', () => this.sarif(params ?? {})));
    c.onRequest(ANALYZE_REQUEST, () => this.timed('analyzeWorkspace', () => this.analyzeAll()));
    c.onRequest(DEBUG_STATS_REQUEST, (params: DebugStatsParams | undefined) => this.debugStats(params ?? {}));
    c.onShutdown(() => {
      for (const folder of this.folders.values()) folder.dispose();
    });

    this.documents.onDidChangeContent(({ document }) => this.onBuffer(document.uri, 'change'));
    this.documents.onDidClose(({ document }) => this.onBuffer(document.uri, 'close'));
    this.documents.onDidSave(({ document }) => this.onBuffer(document.uri, 'save'));
    this.documents.listen(c);

    // Last line of defence: an error escaping a callback is logged; the server keeps running.
    process.on('uncaughtException', (error) => this.log('error', `unexpected error: ${describeError(error)}`));
    process.on('unhandledRejection', (error) => this.log('error', `unexpected error: ${describeError(error)}`));
    c.listen();
  }

  private async timed<T>(name: string, handler: () => Promise<T>): Promise<T> {
    if (!LOG_FILE) return handler();
    const started = performance.now();
    try {
      return await handler();
    } finally {
      fs.appendFileSync(LOG_FILE, `${new Date().toISOString()} request ${name} ${(performance.now() - started).toFixed(1)} ms\n`);
    }
  }

  // ── Lifecycle ──────────────────────────────────────────────────────────────────────────────

  private initialize(params: InitializeParams): InitializeResult {
    const cc: ClientCapabilities = params.capabilities;
    const resourceOps = cc.workspace?.workspaceEdit?.resourceOperations ?? [];
    this.caps = {
      configuration: cc.workspace?.configuration === true,
      watchedFiles: cc.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      workDoneProgress: cc.window?.workDoneProgress === true,
      codeLensRefresh: cc.workspace?.codeLens?.refreshSupport === true,
      workspaceFolders: cc.workspace?.workspaceFolders === true,
      edits: { documentChanges: cc.workspace?.workspaceEdit?.documentChanges === true, createFiles: resourceOps.includes('create') },
    };
    this.initOptions = (params.initializationOptions ?? {}) as RgInitializationOptions;
    // workspaceFolders wins over the deprecated rootUri/rootPath (LSP 3.17 § "InitializeParams").
    const root = params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : null);
    this.initialFolders = params.workspaceFolders ?? (root ? [{ uri: root, name: path.basename(fileURLToPath(root)) }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'routeguard' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.caps.watchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (this.caps.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) this.removeFolder(removed.uri);
        for (const added of event.added) void this.addFolder(added);
      });
    }
    try {
      for (const folder of this.initialFolders) await this.addFolder(folder);
    } finally {
      const events = this.pendingEvents ?? [];
      this.pendingEvents = undefined;
      for (const event of events) event();
    }
  }

  private async addFolder(wf: WorkspaceFolder): Promise<FolderAnalysis | undefined> {
    if (this.folders.has(wf.uri)) return this.folders.get(wf.uri);
    const root = fsPath(wf.uri);
    if (!root) return undefined;
    const folder = new FolderAnalysis(wf.uri, wf.name, root, await this.settingsFor(wf.uri), this, this.options.timings);
    this.folders.set(wf.uri, folder);
    this.publishedFiles.clear();
    this.log('info', `workspace folder ${wf.name}: ${root}`);
    if (folder.settings.enable) folder.reload();
    return folder;
  }

  private removeFolder(uri: string): void {
    const folder = this.folders.get(uri);
    if (!folder) return;
    folder.dispose();
    this.folders.delete(uri);
    this.publishedFiles.clear();
    for (const [file, entry] of this.published) {
      if (entry.folder !== uri) continue;
      void this.connection.sendDiagnostics({ uri: entry.uri, diagnostics: [] });
      this.published.delete(file);
    }
  }

  private async settingsFor(scopeUri: string): Promise<RgSettings> {
    let raw: Partial<RgSettings> | undefined = this.initOptions.settings;
    if (this.caps.configuration) {
      try {
        raw = ((await this.connection.workspace.getConfiguration({ scopeUri, section: 'routeguard' })) ?? undefined) as Partial<RgSettings> | undefined;
      } catch (error) {
        this.log('warn', `could not read the routeguard settings: ${describeError(error)}`);
      }
    }
    return sanitizeSettings(raw);
  }

  private async refreshSettings(): Promise<void> {
    for (const folder of this.folders.values()) {
      const next = await this.settingsFor(folder.uri);
      const prev = folder.settings;
      folder.settings = next;
      const reanalyze = prev.enable !== next.enable || prev.configPath !== next.configPath || prev.disabledRules.join() !== next.disabledRules.join();
      if (reanalyze && next.enable) folder.reload();
      else this.publish(folder);
    }
  }

  private async analyzeAll(): Promise<AnalyzeResult> {
    const started = performance.now();
    const folders = [...this.folders.values()].filter((f) => f.settings.enable);
    for (const folder of folders) folder.reload();
    await Promise.all(folders.map((f) => f.whenIdle(30 * 60_000)));
    const results = folders.flatMap((f) => (f.result ? [f.result] : []));
    return {
      folders: folders.length,
      files: results.reduce((n, r) => n + r.stats.sourceFiles, 0),
      routes: results.reduce((n, r) => n + r.model.routes.length, 0),
      findings: results.reduce((n, r) => n + r.findings.filter((f) => !f.suppressed).length, 0),
      durationMs: Math.round(performance.now() - started),
    };
  }

  // ── Events ─────────────────────────────────────────────────────────────────────────────────

  private onBuffer(uri: string, event: 'change' | 'close' | 'save'): void {
    if (this.pendingEvents) return void this.pendingEvents.push(() => this.onBuffer(uri, event));
    if (LOG_FILE) fs.appendFileSync(LOG_FILE, `${new Date().toISOString()} buffer ${event} ${uri} v${this.documents.get(uri)?.version ?? '-'}\n`);
    const abs = fsPath(uri);
    if (!abs) return;
    const folder = this.folderOf(abs) ?? this.implicitFolder(abs);
    if (!folder) return;
    const file = folder.relative(abs)!;
    if (event === 'save') {
      // Without a file watcher (e.g. Neovim), a saved new file or config is only seen here.
      if (folder.isConfigFile(file)) folder.reload();
      else if (!folder.knows(file) && !folder.isBusy()) folder.fileCreatedOrDeleted(abs);
      return;
    }
    folder.fileChanged(abs);
  }

  private onWatchedFile(uri: string, type: FileChangeType): void {
    if (this.pendingEvents) return void this.pendingEvents.push(() => this.onWatchedFile(uri, type));
    const abs = fsPath(uri);
    if (!abs) return;
    const folder = this.folderOf(abs);
    if (!folder) return;
    if (type === FileChangeType.Changed) {
      // An open buffer is the truth for its file; the disk catches up when it is saved.
      const file = folder.relative(abs)!;
      if (this.buffer(abs) && !folder.isConfigFile(file)) return;
      folder.fileChanged(abs);
    } else {
      folder.fileCreatedOrDeleted(abs);
    }
  }

  /** The folder owning a path: the innermost workspace folder that contains it. */
  private folderOf(abs: string): FolderAnalysis | undefined {
    let best: FolderAnalysis | undefined;
    for (const folder of this.folders.values()) {
      if (folder.relative(abs) === undefined) continue;
      if (!best || folder.root.length > best.root.length) best = folder;
    }
    return best;
  }

  /**
   * A file opened outside every workspace folder (a client started without a root): its nearest
   * directory with a package.json becomes a folder of its own.
   */
  private implicitFolder(abs: string): FolderAnalysis | undefined {
    let dir = path.dirname(abs);
    for (let i = 0; i < 30; i++) {
      if (fs.existsSync(path.join(dir, 'package.json'))) break;
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    const uri = pathToFileURL(dir).href;
    if (this.folders.has(uri)) return this.folders.get(uri);
    const folder = new FolderAnalysis(uri, path.basename(dir), dir, sanitizeSettings(this.initOptions.settings), this, this.options.timings);
    this.folders.set(uri, folder);
    this.publishedFiles.clear();
    this.log('info', `no workspace folder contains ${abs}; analyzing ${dir}`);
    if (folder.settings.enable) folder.reload();
    return folder;
  }

  // ── FolderHost ─────────────────────────────────────────────────────────────────────────────

  buffer(abs: string): { text: string; version: number } | undefined {
    const doc = this.documentAt(abs);
    return doc ? { text: doc.getText(), version: doc.version } : undefined;
  }

  openPaths(): string[] {
    return this.documents.all().flatMap((d) => fsPath(d.uri) ?? []);
  }

  log(level: 'error' | 'warn' | 'info', message: string): void {
    if (LOG_FILE) fs.appendFileSync(LOG_FILE, `${new Date().toISOString()} ${level} ${message}\n`);
    const c = this.connection.console;
    if (level === 'error') c.error(message);
    else if (level === 'warn') c.warn(message);
    else c.info(message);
  }

  async beginLoad(folder: FolderAnalysis): Promise<{ report(done: number, total: number): void; done(): void }> {
    if (!this.caps.workDoneProgress) return { report() {}, done() {} };
    try {
      // LSP 3.17 § "Server Initiated Progress": window/workDoneProgress/create, then begin/report/end.
      const progress = await this.connection.window.createWorkDoneProgress();
      progress.begin('RouteGuard', 0, `Analyzing ${folder.name}`, false);
      return {
        report: (done, total) => progress.report(Math.floor((100 * done) / Math.max(1, total)), `${folder.name}: ${done}/${total} files`),
        done: () => progress.done(),
      };
    } catch {
      return { report() {}, done() {} };
    }
  }

  analyzing(): void {
    this.sendStatus('analyzing');
  }

  resultReady(folder: FolderAnalysis): void {
    const started = performance.now();
    this.publish(folder);
    if (LOG_FILE) this.log('info', `${folder.name}: diagnostics converted and published in ${(performance.now() - started).toFixed(1)} ms`);
    if (this.caps.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  settled(): void {
    if ([...this.folders.values()].every((f) => !f.isBusy())) this.sendStatus('idle');
  }

  // ── Diagnostics ────────────────────────────────────────────────────────────────────────────

  private uriOf(abs: string): string {
    const open = this.documentAt(abs)?.uri;
    if (open !== undefined) return open;
    // Asked for every file with findings on every publication: a file URI is built once per path.
    let uri = this.fileUris.get(abs);
    if (uri === undefined) {
      if (this.fileUris.size > 200_000) this.fileUris.clear();
      this.fileUris.set(abs, (uri = fileUri(abs)));
    }
    return uri;
  }

  private readonly fileUris = new Map<string, string>();

  private documentAt(abs: string): TextDocument | undefined {
    // Asked per file when publishing: the open documents by path, rebuilt when the set of open
    // URIs changes (documents.all() is a fresh array of the same objects otherwise).
    const all = this.documents.all();
    const known = this.openByPath?.uris;
    if (!known || known.length !== all.length || all.some((d, i) => d.uri !== known[i])) {
      this.openByPath = { uris: all.map((d) => d.uri), byPath: new Map(all.flatMap((d) => { const p = fsPath(d.uri); return p === undefined ? [] : [[p, d.uri] as const]; })) };
    }
    const uri = this.openByPath!.byPath.get(abs);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  private openByPath: { uris: string[]; byPath: Map<string, string> } | undefined;

  /**
   * Per folder, each project file it has published findings for: its absolute path, whether the
   * folder owns it (a nested workspace folder publishes its own files) and its key in
   * `convertedRuns`. Worked out once, not on every publication: path arithmetic for a thousand
   * files with findings cost about 2 ms per edit. Reset when the set of folders changes.
   */
  private readonly publishedFiles = new Map<FolderAnalysis, Map<string, { abs: string; owned: boolean; key: string }>>();

  /** A line index for a project file, from the text the latest result was computed on. */
  private indexer(folder: FolderAnalysis): (file: string) => Located | undefined {
    const cache = new Map<string, Located | undefined>();
    return (file) => {
      if (cache.has(file)) return cache.get(file);
      const text = folder.currentText(file);
      const located = text === undefined ? undefined : { uri: this.uriOf(folder.absolute(file)), index: new LineIndex(text, folder.result?.files.get(file)?.lineStarts) };
      cache.set(file, located);
      return located;
    };
  }

  /** A finding's diagnostic; reused while the texts it was positioned on are unchanged. */
  private diagnosticOf(finding: Finding, textOf: (file: string) => string | undefined, locate: (file: string) => Located | undefined): Diagnostic {
    // Checked without building the list of texts: this runs for every finding on every edit.
    const cached = this.diagnosticCache.get(finding);
    if (cached && cached.fingerprint === finding.fingerprint && cached.texts.length === finding.related.length + 1 && cached.texts[0] === textOf(finding.location.file) && finding.related.every((r, i) => cached.texts[i + 1] === textOf(r.location.file))) {
      return cached.diagnostic;
    }
    const texts = [textOf(finding.location.file), ...finding.related.map((r) => textOf(r.location.file))];
    const diagnostic = toDiagnostic(finding, locate(finding.location.file)!.index, locate);
    this.diagnosticCache.set(finding, { diagnostic, texts, fingerprint: finding.fingerprint });
    return diagnostic;
  }

  /**
   * Per folder and file: the shown findings last converted, their fingerprints, the texts their
   * diagnostics were positioned on, and the diagnostics.
   */
  private readonly convertedRuns = new Map<string, { findings: Finding[]; fingerprints: string[]; texts: [string, string | undefined][]; diagnostics: Diagnostic[] }>();

  /** One file's shown findings as diagnostics: the last list while the same findings sit on the same texts. */
  private convertRun(folder: FolderAnalysis, key: string, run: Finding[], textOf: (file: string) => string | undefined, locate: (file: string) => Located | undefined): Diagnostic[] {
    const last = this.convertedRuns.get(key);
    if (last && last.findings.length === run.length && run.every((f, k) => f === last.findings[k] && f.fingerprint === last.fingerprints[k]) && last.texts.every(([file, text]) => textOf(file) === text)) {
      return last.diagnostics;
    }
    const diagnostics: Diagnostic[] = [];
    const texts = new Map<string, string | undefined>();
    for (const finding of run) {
      try {
        diagnostics.push(this.diagnosticOf(finding, textOf, locate));
      } catch (error) {
        this.log('error', `${folder.name}: could not convert a ${finding.ruleId} finding in ${finding.location.file}: ${describeError(error)}`);
      }
      texts.set(finding.location.file, textOf(finding.location.file));
      for (const r of finding.related) texts.set(r.location.file, textOf(r.location.file));
    }
    this.convertedRuns.set(key, { findings: run, fingerprints: run.map((f) => f.fingerprint), texts: [...texts], diagnostics });
    return diagnostics;
  }

  /** The findings shown in the editor: unsuppressed and at or above the minimum severity. */
  private shown(folder: FolderAnalysis, finding: Finding): boolean {
    return !finding.suppressed && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[folder.settings.minimumSeverity];
  }

  private publish(folder: FolderAnalysis): void {
    const locate = this.indexer(folder);
    const next = new Map<string, { uri: string; diagnostics: Diagnostic[]; version: number | undefined }>();
    const result = folder.settings.enable ? folder.result : undefined;
    // Texts are looked up once per file, not per finding; paths and keys once per folder (below).
    const texts = new Map<string, string | undefined>();
    const textOf = (file: string): string | undefined => {
      if (!texts.has(file)) texts.set(file, folder.currentText(file));
      return texts.get(file);
    };
    const findings = result?.findings ?? [];
    const converted = new Set<string>();
    let known = this.publishedFiles.get(folder);
    if (!known) this.publishedFiles.set(folder, (known = new Map()));
    // Findings come sorted by file: each file's findings are converted as one run, and a run of
    // the same finding objects over the same texts keeps its diagnostics (the same array) without
    // a look at each finding: an edit changes one file's findings out of thousands.
    for (let i = 0; i < findings.length; ) {
      const name = findings[i]!.location.file;
      const run: Finding[] = [];
      for (; i < findings.length && findings[i]!.location.file === name; i++) if (this.shown(folder, findings[i]!)) run.push(findings[i]!);
      if (run.length === 0) continue;
      let file = known.get(name);
      if (!file) {
        const abs = folder.absolute(name);
        // A nested workspace folder publishes its own files.
        known.set(name, (file = { abs, owned: this.folderOf(abs) === folder, key: `${folder.uri}\0${name}` }));
      }
      if (!file.owned || textOf(name) === undefined) continue;
      const diagnostics = this.convertRun(folder, file.key, run, textOf, locate);
      converted.add(file.key);
      const entry = next.get(file.abs);
      if (entry) entry.diagnostics = [...entry.diagnostics, ...diagnostics];
      else next.set(file.abs, { uri: this.uriOf(file.abs), diagnostics, version: folder.appliedVersion(name) });
    }
    for (const key of this.convertedRuns.keys()) if (key.startsWith(`${folder.uri}\0`) && !converted.has(key)) this.convertedRuns.delete(key);
    if (folder.settings.enable && folder.configError) {
      const abs = folder.absolute(folder.configError.file);
      const entry = next.get(abs) ?? { uri: this.uriOf(abs), diagnostics: [], version: undefined };
      // A copy: the list may be a converted run's, kept for the next publication.
      entry.diagnostics = [...entry.diagnostics];
      entry.diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, source: SOURCE, code: 'config', message: `${folder.configError.message} (RouteGuard runs with ${folder.result ? 'the last valid configuration or the defaults' : 'the defaults'})` });
      next.set(abs, entry);
    }
    for (const [abs, { uri, diagnostics, version }] of next) {
      const before = this.published.get(abs);
      const same = before !== undefined && before.folder === folder.uri && before.uri === uri;
      if (same && before.diagnostics.length === diagnostics.length && before.diagnostics.every((d, i) => d === diagnostics[i])) continue;
      if (same && sameData(before.diagnostics, diagnostics)) {
        before.diagnostics = diagnostics;
        continue;
      }
      this.published.set(abs, { uri, folder: folder.uri, diagnostics });
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    }
    for (const [abs, entry] of this.published) {
      if (entry.folder !== folder.uri || next.has(abs)) continue;
      this.published.delete(abs);
      void this.connection.sendDiagnostics({ uri: entry.uri, diagnostics: [] });
    }
    this.sendStatus(undefined);
  }

  /**
   * A result's shown findings by severity, counted once per result and minimum severity: the
   * status is sent twice per edit, and a project can have thousands of findings.
   */
  private shownCounts(folder: FolderAnalysis, result: AnalysisResult): Record<SeverityName, number> {
    const minimum = folder.settings.minimumSeverity;
    const known = this.countsByResult.get(result);
    if (known?.minimum === minimum) return known.counts;
    const counts: Record<SeverityName, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of result.findings) if (this.shown(folder, f)) counts[f.severity]++;
    this.countsByResult.set(result, { minimum, counts });
    return counts;
  }

  private readonly countsByResult = new WeakMap<AnalysisResult, { minimum: string; counts: Record<SeverityName, number> }>();

  private sendStatus(state: StatusParams['state'] | undefined): void {
    const counts: Record<SeverityName, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    let routes = 0;
    for (const folder of this.folders.values()) {
      if (!folder.settings.enable || !folder.result) continue;
      routes += folder.result.model.routes.length;
      const shown = this.shownCounts(folder, folder.result);
      for (const severity of SEVERITIES) counts[severity] += shown[severity];
    }
    const busy = [...this.folders.values()].some((f) => f.isBusy());
    const params: StatusParams = { state: state ?? (busy ? 'analyzing' : 'idle'), counts, routes };
    const json = JSON.stringify(params);
    if (json === this.lastStatus) return;
    this.lastStatus = json;
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  // ── Requests ───────────────────────────────────────────────────────────────────────────────

  /** The folder, project-relative file and settled result for a document URI. */
  private async context(uri: string, waitMs: number): Promise<{ folder: FolderAnalysis; file: string; located: Located } | undefined> {
    const abs = fsPath(uri);
    if (!abs) return undefined;
    const folder = this.folderOf(abs);
    if (!folder || !folder.settings.enable) return undefined;
    await folder.whenIdle(waitMs);
    const file = folder.relative(abs)!;
    // Still busy after the wait (a storm of edits, a long load): answer from the last result only
    // when it was computed on the text the client shows for this file; otherwise answer nothing now
    // rather than keep the request waiting.
    if (folder.isBusy() && !folder.resultMatches(file, this.documents.get(uri)?.version)) return undefined;
    const located = this.indexer(folder)(file);
    if (!folder.result || !located) return undefined;
    return { folder, file, located };
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const only = params.context.only;
    if (only && !only.some((kind) => kind === '' || CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
    const ctx = await this.context(params.textDocument.uri, 5_000);
    if (!ctx) return [];
    const { folder, file, located } = ctx;
    const doc = this.documents.get(params.textDocument.uri);
    // Offsets are only valid for the text that was analyzed.
    if (doc && folder.appliedVersion(file) !== doc.version) return [];
    const findings = folder.result!.findings.filter((f) => f.location.file === file && this.shown(folder, f));
    const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));
    const picked: { finding: Finding; diagnostic: Diagnostic }[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const fingerprint = (d.data as DiagnosticData | undefined)?.fingerprint;
      const finding = fingerprint ? byFingerprint.get(fingerprint) : findings.find((f) => f.ruleId === d.code && rangesIntersect(located.index.range(f.location.span), d.range));
      if (finding && !picked.some((p) => p.finding === finding)) picked.push({ finding, diagnostic: d });
    }
    if (picked.length === 0) {
      const locate = this.indexer(folder);
      for (const f of findings) if (rangesIntersect(located.index.range(f.location.span), params.range)) picked.push({ finding: f, diagnostic: toDiagnostic(f, located.index, locate) });
    }
    const actions: CodeAction[] = [];
    for (const { finding, diagnostic } of picked) {
      const fix = finding.fix;
      if (fix && fix.edits.length > 0) {
        const edit = toWorkspaceEdit(fix.edits, (f) => this.editTarget(folder, f), this.caps.edits);
        if (edit) actions.push(quickFix(fix.title, diagnostic, edit, fix.kind === 'safe'));
      }
      const suppress = this.suppressAction(folder, finding, diagnostic, located);
      if (suppress) actions.push(suppress);
    }
    return actions;
  }

  private editTarget(folder: FolderAnalysis, file: string) {
    const abs = folder.absolute(file);
    const doc = this.documentAt(abs);
    const text = folder.currentText(file);
    return { uri: this.uriOf(abs), version: doc ? doc.version : null, index: text === undefined ? undefined : new LineIndex(text) };
  }

  /**
   * "Suppress this finding": `// routeguard-ignore-next-line <rule> -- <reason>` above the line the
   * finding starts on (where the engine looks for it), indented like that line. When that line is
   * already preceded by a next-line suppression, the rule id is added to it instead, since a second
   * comment would push the first one off its target line.
   */
  private suppressAction(folder: FolderAnalysis, finding: Finding, diagnostic: Diagnostic, located: Located): CodeAction | undefined {
    if (!folder.result?.files.has(finding.location.file)) return undefined; // comments are read from source files only
    const { index, uri } = located;
    const line = index.position(finding.location.span.start).line;
    const above = line > 0 ? index.lineText(line - 1) : '';
    const existing = /^(\s*\/\/\s*routeguard-ignore-next-line\s+)([^\s,]+(?:\s*,\s*[^\s,]+)*)(\s+--\s.*)$/.exec(above);
    let edit;
    if (existing) {
      if (existing[2]!.split(/\s*,\s*/).includes(finding.ruleId)) return undefined;
      const at = { line: line - 1, character: existing[1]!.length + existing[2]!.length };
      edit = { range: { start: at, end: at }, newText: `, ${finding.ruleId}` };
    } else {
      const indent = /^\s*/.exec(index.lineText(line))![0];
      const at = { line, character: 0 };
      edit = { range: { start: at, end: at }, newText: `${indent}// routeguard-ignore-next-line ${finding.ruleId} -- ${SUPPRESSION_REASON_PLACEHOLDER}${index.eol()}` };
    }
    const doc = this.documents.get(uri);
    const workspaceEdit = this.caps.edits.documentChanges ? { documentChanges: [{ textDocument: { uri, version: doc ? doc.version : null }, edits: [edit] }] } : { changes: { [uri]: [edit] } };
    const action = quickFix(`Suppress ${finding.ruleId} on this line (routeguard-ignore-next-line with a reason)`, diagnostic, workspaceEdit, false);
    if (!existing && this.initOptions.clientCommands?.includes(SELECT_SUPPRESSION_REASON_COMMAND)) {
      action.command = { title: 'Select the reason', command: SELECT_SUPPRESSION_REASON_COMMAND, arguments: [uri, line] };
    }
    return action;
  }

  /** The routes registered in a file, and their handlers (for the hover). */
  private routesIn(folder: FolderAnalysis, file: string): Route[] {
    return folder.result?.model.routes.filter((r) => r.registration.file === file || r.handler?.file === file) ?? [];
  }

  private findingsOf(folder: FolderAnalysis, route: Route): Finding[] {
    return folder.result!.findings.filter((f) => f.routeKey === route.key && this.shown(folder, f));
  }

  private async hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    // Short: a hover is answered within half a second, from the last matching result if need be.
    const ctx = await this.context(uri, 500);
    if (!ctx) return null;
    const { folder, file, located } = ctx;
    const offset = located.index.offset(position);
    const inside = (span: { start: number; end: number }) => span.start <= offset && offset <= span.end;
    let best: { route: Route; size: number; span: { start: number; end: number } } | undefined;
    for (const route of this.routesIn(folder, file)) {
      for (const loc of [route.registration, route.handler]) {
        if (!loc || loc.file !== file || !inside(loc.span)) continue;
        const size = loc.span.end - loc.span.start;
        if (!best || size < best.size) best = { route, size, span: loc.span };
      }
    }
    if (!best) return null;
    const locate = this.indexer(folder);
    const where = (m: Route['mounts'][number]) => `${m.file}:${(locate(m.file)?.index.position(m.span.start).line ?? 0) + 1}`;
    const facts = routeFacts(best.route, folder.config);
    return {
      contents: { kind: 'markdown', value: routeHover(best.route, facts, where, this.findingsOf(folder, best.route).map((f) => f.ruleId)) },
      range: located.index.range(best.span),
    };
  }

  private async codeLenses(uri: string): Promise<CodeLens[]> {
    const ctx = await this.context(uri, 5_000);
    if (!ctx) return [];
    const { folder, file, located } = ctx;
    const routes = folder.result!.model.routes.filter((r) => r.registration.file === file);
    const lines = new Map<number, number>();
    for (const r of routes) {
      const line = located.index.position(r.registration.span.start).line;
      lines.set(line, (lines.get(line) ?? 0) + 1);
    }
    return routes.map((route) => {
      const range = located.index.range(route.registration.span);
      const summary = routeSummary(route, routeFacts(route, folder.config));
      // Several routes on one line (`route('/x').get(…).post(…)`) are told apart by their method.
      const title = (lines.get(range.start.line) ?? 0) > 1 ? `${route.method}: ${summary}` : summary;
      // An empty command id: a label, not a link (nothing to run on click).
      return { range: { start: range.start, end: range.start }, command: { title, command: '' } };
    });
  }

  private async routes(params: RoutesParams): Promise<RoutesResult> {
    const folders = [...this.folders.values()].filter((f) => f.settings.enable && (!params.folderUri || f.uri === params.folderUri));
    await Promise.all(folders.map((f) => f.whenIdle(60_000)));
    return {
      folders: folders.map((folder) => {
        const locate = this.indexer(folder);
        const routes: RouteInfo[] = [];
        for (const route of folder.result?.model.routes ?? []) {
          const at = locate(route.registration.file);
          if (!at) continue;
          const facts = routeFacts(route, folder.config);
          routes.push({
            key: route.key,
            framework: route.framework,
            method: route.method,
            path: route.path,
            uri: at.uri,
            range: at.index.range(route.registration.span),
            authState: facts.authState,
            guards: facts.guards,
            roles: facts.roles,
            validated: facts.validated,
            rateLimited: facts.rateLimited,
            publicByDesign: facts.publicByDesign,
            certainty: route.certainty,
            summary: routeSummary(route, facts),
            findings: this.findingsOf(folder, route).length,
          });
        }
        routes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
        return { name: folder.name, uri: folder.uri, routes };
      }),
    };
  }

  /** Internal (see DEBUG_STATS_REQUEST): memory and the sizes of what the server keeps. */
  private debugStats(params: DebugStatsParams): DebugStatsResult {
    if (params.gc) collectGarbage();
    const memory = process.memoryUsage();
    let files = 0;
    for (const folder of this.folders.values()) files += folder.fileCount();
    const busy = [...this.folders.values()].some((f) => f.isBusy());
    return { heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, rss: memory.rss, documents: this.documents.all().length, folders: this.folders.size, published: this.published.size, files, busy };
  }

  private async sarif(params: SarifParams): Promise<SarifResult> {
    const folder = params.folderUri ? this.folders.get(params.folderUri) : [...this.folders.values()][0];
    if (!folder) throw new Error(params.folderUri ? `not a workspace folder: ${params.folderUri}` : 'no workspace folder is open');
    await folder.whenIdle(60_000);
    if (!folder.result) throw new Error(`${folder.name} has not been analyzed`);
    return { folderUri: folder.uri, sarif: formatSarif(folder.result), findings: folder.result.findings.filter((f) => !f.suppressed).length };
  }
}

/**
 * V8's garbage collector, for `routeguard/debugStats` only. The server is not started with
 * --expose-gc (editors start it); the flag is set at run time and `gc` read from a fresh context,
 * a well-known way to reach it without the command-line flag.
 */
function collectGarbage(): void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing();
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function fsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function sanitizeSettings(raw: Partial<RgSettings> | undefined): RgSettings {
  const s = raw ?? {};
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    minimumSeverity: SEVERITIES.includes(s.minimumSeverity as SeverityName) ? (s.minimumSeverity as SeverityName) : DEFAULT_SETTINGS.minimumSeverity,
    disabledRules: Array.isArray(s.disabledRules) ? s.disabledRules.filter((r): r is string => typeof r === 'string') : [],
    configPath: typeof s.configPath === 'string' ? s.configPath.trim() : '',
  };
}

// Asked for every finding on every publication: converting a path to a URL is not free.
const fileUris = new Map<string, string>();

function fileUri(abs: string): string {
  let uri = fileUris.get(abs);
  if (uri === undefined) {
    uri = pathToFileURL(abs).href;
    if (fileUris.size > 100_000) fileUris.clear();
    fileUris.set(abs, uri);
  }
  return uri;
}

/**
 * Deep equality of plain data (what JSON would say): compares the diagnostics of a file with the
 * last published ones without serializing both, on every edit.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  for (const k of keys) if (!sameData(x[k], y[k])) return false;
  return true;
}
