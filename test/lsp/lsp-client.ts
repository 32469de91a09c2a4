/**
 * A small LSP client for protocol tests: spawns dist/server.js over stdio and speaks JSON-RPC with
 * vscode-jsonrpc, answering the server's requests the way VS Code does (configuration, dynamic
 * registration, progress, CodeLens refresh). Waits are on protocol events, with timeouts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_NODE_OPTIONS } from '../../server/node-options';

export const REPO = path.resolve(__dirname, '../..');
/** `RG_SERVER` runs the tests against another build, e.g. the one unpacked from the .vsix. */
export const SERVER = process.env.RG_SERVER ?? path.join(REPO, 'dist/server.js');

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    codeLens: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeLens: {},
    synchronization: { didSave: true },
  },
};

export interface LogEntry {
  type: number;
  message: string;
}

export function uriOf(abs: string): string {
  return pathToFileURL(abs).href;
}

/** Writes files (relative path → text) into a fresh temp directory. */
export function tempProject(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-lsp-')));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly logs: LogEntry[] = [];
  readonly progress: unknown[] = [];
  readonly statuses: { state: string; counts: Record<string, number>; routes: number }[] = [];
  /** The latest diagnostics per URI, and every publication in order. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly documents = new Map<string, TextDocument>();
  readonly registrations: unknown[] = [];
  settings: Record<string, unknown> = {};
  private waiters: (() => void)[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  exited: number | null | undefined;

  constructor(env: Record<string, string> = {}) {
    // As the VS Code extension starts it (server/node-options.ts).
    this.child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER, '--stdio'], { env: { ...process.env, ...env }, stdio: 'pipe' });
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.child.on('exit', (code) => {
      this.exited = code;
      this.wake();
    });
    const c = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection = c;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      this.wake();
    });
    c.onNotification('window/logMessage', (p: LogEntry) => {
      this.logs.push(p);
      this.wake();
    });
    c.onNotification('routeguard/status', (p) => {
      this.statuses.push(p);
      this.wake();
    });
    c.onNotification('$/progress', (p) => {
      this.progress.push(p);
      this.wake();
    });
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    c.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.listen();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `predicate` holds, re-checked on every message from the server. */
  async until<T>(what: string, predicate: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (this.exited !== undefined) throw new Error(`server exited (${this.exited}) while waiting for ${what}\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; last logs:\n${this.logs.slice(-10).map((l) => l.message).join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async initialize(folders: string[], options: { initializationOptions?: unknown; capabilities?: ClientCapabilities } = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Waits until every folder has been analyzed once (the server reports idle after a result). */
  async analyzed(timeoutMs = 60_000): Promise<void> {
    await this.until('the first analysis', () => this.statuses.some((s) => s.state === 'idle'), timeoutMs);
  }

  open(abs: string, text = fs.readFileSync(abs, 'utf8')): string {
    const uri = uriOf(abs);
    const languageId = /\.tsx?$|\.[cm]ts$/.test(abs) ? 'typescript' : 'javascript';
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (a full-text change event). */
  change(uri: string, text: string): number {
    return this.edit(uri, [{ text }]);
  }

  edit(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const doc = this.documents.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.documents.set(uri, next);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  save(uri: string): void {
    void this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  diagnosticsOf(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  /** Waits for diagnostics of `uri` that satisfy `predicate` (and, if given, for that document version). */
  waitDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, what: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(
      what,
      () => {
        const p = this.diagnostics.get(uri);
        const diags = p?.diagnostics ?? [];
        if (version !== undefined && p?.version !== undefined && p.version < version) return undefined;
        return predicate(diags) ? diags : undefined;
      },
      timeoutMs,
    );
  }

  /** Applies a WorkspaceEdit to the open documents (opening files it touches from disk or creating them). */
  applyEdit(edit: WorkspaceEdit): void {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') {
          const abs = new URL(change.uri).pathname;
          if (!fs.existsSync(abs)) fs.writeFileSync(abs, '');
        }
        continue;
      }
      const uri = change.textDocument.uri;
      if (!this.documents.has(uri)) this.open(decodeURIComponent(new URL(uri).pathname));
      const doc = this.documents.get(uri)!;
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) throw new Error(`stale edit for ${uri}: version ${change.textDocument.version}, document ${doc.version}`);
      const text = TextDocument.applyEdits(doc, change.edits.filter((e): e is TextEdit => 'newText' in e));
      this.change(uri, text);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const doc = this.documents.get(uri)!;
      this.change(uri, TextDocument.applyEdits(doc, edits));
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async shutdown(): Promise<void> {
    if (this.exited === undefined) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        void this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await Promise.race([new Promise<void>((r) => (this.exited !== undefined ? r() : this.child.on('exit', () => r()))), new Promise((r) => setTimeout(r, 3000))]);
    if (this.exited === undefined) this.child.kill();
    this.connection.dispose();
  }
}
