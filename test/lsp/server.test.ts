/**
 * Protocol tests: dist/server.js (built by `npm test` before vitest runs) driven over stdio by a
 * JSON-RPC client, as an editor would. Each test runs its own server on its own temp copy of the
 * app in ./app.ts. Assertions look at RouteGuard's missing-auth findings on purpose: other rules
 * may report on the same app as the catalog grows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { APP_FILES, APP_TS, ORDERS_TS } from './app';
import { LspClient, tempProject, uriOf } from './lsp-client';
import type { RoutesResult, SarifResult } from '../../server/protocol';

const clients: LspClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(files: Record<string, string> = APP_FILES, env: Record<string, string> = {}): Promise<{ client: LspClient; dir: string; at: (file: string) => string }> {
  const dir = tempProject(files);
  dirs.push(dir);
  const client = new LspClient(env);
  clients.push(client);
  await client.initialize([dir]);
  await client.analyzed();
  return { client, dir, at: (file) => path.join(dir, file) };
}

const missingAuth = (diags: Diagnostic[]) => diags.filter((d) => d.code === 'missing-auth');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('diagnostics', () => {
  it('are published for the whole workspace on start, with progress reported', async () => {
    const { client, at } = await start();
    const orders = await client.waitDiagnostics(uriOf(at('src/routes/orders.ts')), (d) => missingAuth(d).length === 2, 'missing-auth on both order routes');
    expect(missingAuth(client.diagnosticsOf(uriOf(at('src/routes/users.ts'))))).toEqual([]);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds).toContain('end');
    expect(orders.length).toBeGreaterThan(0);
  });

  it('carry the rule id, its doc page, the mapped severity, the source and "router mounted here"', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    const [get, post] = missingAuth(await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'diagnostics on open'));
    expect(get!.range.start).toEqual({ line: lineOf(ORDERS_TS, "router.get('/'"), character: 0 });
    expect(post!.range.start.line).toBe(lineOf(ORDERS_TS, "router.post('/'"));
    expect(post).toMatchObject({
      code: 'missing-auth',
      codeDescription: { href: expect.stringMatching(/docs\/rules\/missing-auth\.md$/) },
      severity: 1, // high → Error
      source: 'routeguard',
      message: expect.stringContaining('POST /api/orders'),
    });
    expect(post!.relatedInformation).toEqual([
      { message: 'router mounted here', location: { uri: uriOf(at('src/app.ts')), range: { start: { line: lineOf(APP_TS, "app.use('/api/orders'"), character: 0 }, end: { line: lineOf(APP_TS, "app.use('/api/orders'"), character: "app.use('/api/orders', orders)".length } } } },
    ]);
  });

  it('follow an unsaved edit that adds a guard: the finding disappears, the file on disk is untouched', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'two findings');
    const guarded = ORDERS_TS.replace("import { Router } from 'express';", "import { Router } from 'express';\nimport { requireAuth } from '../auth';").replace("router.post('/', (req", "router.post('/', requireAuth, (req");
    const version = client.change(uri, guarded);
    const after = await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 1, 'the POST finding gone', version);
    expect(missingAuth(after)[0]!.message).toContain('GET /api/orders');
    expect(client.diagnostics.get(uri)!.version).toBe(version);
    expect(fs.readFileSync(at('src/routes/orders.ts'), 'utf8')).toBe(ORDERS_TS);
  });

  it('cross-file: removing app.use(requireAuth) in app.ts makes findings appear in routes/users.ts, restoring it clears them', async () => {
    const { client, at } = await start();
    const users = uriOf(at('src/routes/users.ts'));
    expect(missingAuth(client.diagnosticsOf(users))).toEqual([]);
    const app = client.open(at('src/app.ts'));
    client.change(app, APP_TS.replace('app.use(requireAuth);\n', ''));
    const appeared = await client.waitDiagnostics(users, (d) => missingAuth(d).length === 1, 'missing-auth in users.ts');
    expect(appeared[0]!.message).toContain('DELETE /api/users/:id');
    client.change(app, APP_TS);
    await client.waitDiagnostics(users, (d) => missingAuth(d).length === 0, 'users.ts cleared again');
  });

  it('keep only the last state of a burst of edits', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'two findings');
    const before = client.publications.length;
    let version = 0;
    for (let i = 0; i < 10; i++) version = client.change(uri, ORDERS_TS.replace("res.json([]);", `res.json([${i}]);`));
    version = client.change(uri, ORDERS_TS.replace("router.get('/', (_req", "router.get('/', requireAuth, (_req").replace("import { Router } from 'express';", "import { Router } from 'express';\nimport { requireAuth } from '../auth';"));
    await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 1, 'the final state', version);
    expect(client.publications.length - before).toBeLessThan(11);
  });

  it('react to files created and deleted on disk (workspace/didChangeWatchedFiles)', async () => {
    const { client, at } = await start();
    expect(client.registrations).toContainEqual(expect.objectContaining({ method: 'workspace/didChangeWatchedFiles' }));
    fs.writeFileSync(at('src/routes/billing.ts'), "import { Router } from 'express';\nconst router = Router();\nrouter.post('/refund', (req, res) => { res.json({ ok: true }); });\nexport default router;\n");
    fs.writeFileSync(at('src/app.ts'), APP_TS.replace("import admin from './routes/admin';", "import admin from './routes/admin';\nimport billing from './routes/billing';").replace("app.use('/api/orders', orders);", "app.use('/api/orders', orders);\napp.use('/api/billing', billing);"));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(at('src/routes/billing.ts')), type: 1 }, { uri: uriOf(at('src/app.ts')), type: 2 }] });
    const billing = uriOf(at('src/routes/billing.ts'));
    await client.waitDiagnostics(billing, (d) => missingAuth(d).some((x) => String(x.message).includes('POST /api/billing/refund')), 'finding in the new file');
    fs.rmSync(at('src/routes/billing.ts'));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: billing, type: 3 }] });
    await client.waitDiagnostics(billing, (d) => d.length === 0, 'the deleted file cleared');
  });

  it('react to config edits: a rule turned off in routeguard.config.json disappears', async () => {
    const { client, at } = await start();
    const orders = uriOf(at('src/routes/orders.ts'));
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 2, 'two findings');
    fs.writeFileSync(at('routeguard.config.json'), JSON.stringify({ rules: { 'missing-auth': 'off' } }));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(at('routeguard.config.json')), type: 1 }] });
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 0, 'missing-auth off');
    // A broken config is reported on the config file, and the last valid one stays in force.
    fs.writeFileSync(at('routeguard.config.json'), '{ "rules": { "missing-auth": "sometimes" } }');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(at('routeguard.config.json')), type: 2 }] });
    const config = await client.waitDiagnostics(uriOf(at('routeguard.config.json')), (d) => d.length === 1, 'config error diagnostic');
    expect(config[0]!.message).toMatch(/rules\.missing-auth/);
    expect(missingAuth(client.diagnosticsOf(orders))).toEqual([]);
  });

  it('honour the settings: minimum severity and rules turned off in the editor', async () => {
    const { client, at } = await start();
    const orders = uriOf(at('src/routes/orders.ts'));
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 2, 'two findings');
    client.settings = { minimumSeverity: 'critical' };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 0, 'high findings hidden');
    client.settings = { disabledRules: ['missing-auth'] };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('re-analysis without missing-auth', () => client.statuses.at(-1)?.state === 'idle' && missingAuth(client.diagnosticsOf(orders)).length === 0);
    client.settings = { enable: false };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until('every diagnostic cleared', () => [...client.diagnostics.values()].every((p) => p.diagnostics.length === 0) && client.statuses.at(-1)?.state === 'idle');
    client.settings = {};
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 2, 'findings back');
  });

  it('survive a client that spells URIs differently (VS Code encodes a route group (admin) as %28admin%29)', async () => {
    const route = "import { NextResponse } from 'next/server';\n\nexport async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {\n  const { id } = await params;\n  return NextResponse.json({ deleted: id });\n}\n";
    const { client, at } = await start({ 'package.json': '{"name":"nx","dependencies":{"next":"^16.0.0"}}', 'app/(admin)/api/users/[id]/route.ts': route });
    const ours = uriOf(at('app/(admin)/api/users/[id]/route.ts'));
    await client.waitDiagnostics(ours, (d) => missingAuth(d).length === 1, 'missing-auth on the Next.js route');
    const vscodeStyle = ours.replace('(admin)', '%28admin%29');
    expect(vscodeStyle).not.toBe(ours);
    client.open(at('app/(admin)/api/users/[id]/route.ts'));
    client.documents.set(vscodeStyle, client.documents.get(ours)!);
    client.documents.delete(ours);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: ours } });
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: vscodeStyle, languageId: 'typescript', version: 1, text: route } });
    const version = client.change(vscodeStyle, route.replace('deleted: id', 'deleted: id, ok: true'));
    await client.waitDiagnostics(vscodeStyle, (d) => missingAuth(d).length === 1, 'diagnostics under the editor URI', version);
    // Nothing cleared the same file under our spelling afterwards.
    await client.until('settled', () => client.statuses.at(-1)?.state === 'idle');
    const last = client.publications.filter((p) => p.uri === ours || p.uri === vscodeStyle).at(-1)!;
    expect(last.uri).toBe(vscodeStyle);
    expect(missingAuth(last.diagnostics)).toHaveLength(1);
  });

  it('handle multi-root workspaces: one analysis per folder', async () => {
    const a = tempProject(APP_FILES);
    const b = tempProject({ ...APP_FILES, 'src/app.ts': APP_TS.replace("app.use('/api/orders', orders);\napp.use(requireAuth);", "app.use(requireAuth);\napp.use('/api/orders', orders);") });
    dirs.push(a, b);
    const client = new LspClient();
    clients.push(client);
    await client.initialize([a, b]);
    await client.waitDiagnostics(uriOf(path.join(a, 'src/routes/orders.ts')), (d) => missingAuth(d).length === 2, 'folder a');
    await client.until('folder b analyzed', () => client.logs.some((l) => l.message.includes(`${path.basename(b)}: loaded`)));
    await client.until('both idle', () => client.statuses.at(-1)?.state === 'idle');
    expect(missingAuth(client.diagnosticsOf(uriOf(path.join(b, 'src/routes/orders.ts'))))).toEqual([]);
    const routes = await client.request<RoutesResult>('routeguard/routes', {});
    expect(routes.folders.map((f) => f.routes.length)).toEqual([4, 4]);
  });
});

describe('code actions', () => {
  it('offer the rule fix (unsafe: not preferred) with versioned edits that clear the finding', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    const post = missingAuth(await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'two findings'))[1]!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: post.range, context: { diagnostics: [post], only: ['quickfix'] } });
    const fix = actions.find((a) => a.title.startsWith('Require authentication'))!;
    expect(fix).toMatchObject({ kind: 'quickfix', diagnostics: [post] });
    expect(fix.isPreferred).toBeUndefined();
    expect(fix.edit!.documentChanges).toEqual([
      {
        textDocument: { uri, version: 1 },
        edits: [
          { range: { start: { line: 0, character: 33 }, end: { line: 0, character: 33 } }, newText: "\nimport { requireAuth } from '../auth';" },
          { range: { start: { line: 8, character: 17 }, end: { line: 8, character: 17 } }, newText: 'requireAuth, ' },
        ],
      },
    ]);
    client.applyEdit(fix.edit!);
    expect(client.text(uri)).toContain("router.post('/', requireAuth, (req, res)");
    const after = await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 1, 'POST finding fixed');
    expect(after.find((d) => d.code === 'missing-auth')!.message).toContain('GET /api/orders');
  });

  it('offer "suppress" with a reason placeholder above the finding; it silences the finding', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    const get = missingAuth(await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'two findings'))[0]!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: get.range, context: { diagnostics: [get] } });
    const suppress = actions.find((a) => a.title.startsWith('Suppress missing-auth'))!;
    expect(suppress.isPreferred).toBeUndefined();
    client.applyEdit(suppress.edit!);
    expect(client.text(uri).split('\n')[get.range.start.line]).toBe('// routeguard-ignore-next-line missing-auth -- TODO: explain why this is safe');
    await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 1 && !d.some((x) => String(x.message).includes('GET /api/orders')), 'GET finding suppressed');
  });

  it('create a file a fix needs (.env.example) with CreateFile, and edit other files in the same WorkspaceEdit', async () => {
    const token = "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = 'k9Fq2Lw8Zr4Tx7Pm3Vb6Nc1Hd5Gs0Ye';\n\nexport function issue(userId: string): string {\n  return jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '1h' });\n}\n";
    const { client, at, dir } = await start({ ...APP_FILES, 'src/token.ts': token });
    const uri = client.open(at('src/token.ts'));
    const secret = (await client.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'hardcoded-secret'), 'hardcoded-secret')).find((d) => d.code === 'hardcoded-secret')!;
    expect(String(secret.message)).not.toContain('k9Fq2Lw8Zr4Tx7Pm3Vb6Nc1Hd5Gs0Ye');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: secret.range, context: { diagnostics: [secret] } });
    const fix = actions.find((a) => a.title.includes('.env.example'))!;
    const envUri = uriOf(path.join(dir, '.env.example'));
    expect(fix.edit!.documentChanges).toEqual([
      { kind: 'create', uri: envUri, options: { ignoreIfExists: true } },
      { textDocument: { uri: envUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'JWT_SECRET=\n' }] },
      { textDocument: { uri, version: 1 }, edits: [{ range: { start: { line: 2, character: 19 }, end: { line: 2, character: 52 } }, newText: 'process.env.JWT_SECRET' }] },
    ]);
    client.applyEdit(fix.edit!);
    expect(client.text(uri)).toContain('const JWT_SECRET = process.env.JWT_SECRET;');
    expect(client.text(envUri)).toBe('JWT_SECRET=\n');
    await client.waitDiagnostics(uri, (d) => !d.some((x) => x.code === 'hardcoded-secret'), 'secret finding gone');
  });

  it('mark a safe fix as preferred', async () => {
    const orders = ORDERS_TS.replace("router.post('/', (req, res) => {\n", "router.post('/', (req, res) => {\n  console.log('incoming', req);\n");
    const { client, at } = await start({ ...APP_FILES, 'src/routes/orders.ts': orders });
    const uri = client.open(at('src/routes/orders.ts'));
    const logged = (await client.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'sensitive-logging'), 'sensitive-logging')).find((d) => d.code === 'sensitive-logging')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: logged.range, context: { diagnostics: [logged] } });
    const fix = actions.find((a) => a.title === 'Keep the sensitive values out of the log')!;
    expect(fix.isPreferred).toBe(true);
    client.applyEdit(fix.edit!);
    expect(client.text(uri)).toContain("console.log('incoming', { method: req.method, url: req.url });");
    await client.waitDiagnostics(uri, (d) => !d.some((x) => x.code === 'sensitive-logging'), 'sensitive-logging fixed');
  });

  it('find the finding from the range alone when the client sends no diagnostics', async () => {
    const { client, at } = await start();
    const uri = client.open(at('src/routes/orders.ts'));
    const post = missingAuth(await client.waitDiagnostics(uri, (d) => missingAuth(d).length === 2, 'two findings'))[1]!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: post.range.start, end: post.range.start }, context: { diagnostics: [] } });
    expect(actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Require authentication: add requireAuth before the handler', 'Suppress missing-auth on this line (routeguard-ignore-next-line with a reason)']));
    const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: post.range, context: { diagnostics: [post], only: ['refactor'] } });
    expect(none).toEqual([]);
  });
});

describe('hover and CodeLens', () => {
  it('hover on a route registration shows method, full path, guard, roles, validation and rate limit', async () => {
    const { client, at } = await start();
    const text = APP_FILES['src/routes/admin.ts']!;
    const uri = client.open(at('src/routes/admin.ts'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: lineOf(text, 'router.post'), character: 3 } });
    const value = (hover.contents as MarkupContent).value;
    expect(value).toContain('**POST /api/admin/reset** — Express route');
    expect(value).toContain('**Guard:** 🔒 `requireAuth`');
    expect(value).toContain('**Roles:** `admin`');
    expect(value).toContain('**Validation:** ✓ `validate`');
    expect(value).toContain('**Rate limit:** ✓ `limiter`');
    expect(value).toContain('**Mounted at:** src/app.ts:12');
    const nothing = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    expect(nothing).toBeNull();
  });

  it('CodeLens above each route summarizes its access', async () => {
    const { client, at } = await start();
    const admin = client.open(at('src/routes/admin.ts'));
    const orders = client.open(at('src/routes/orders.ts'));
    const adminLenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: admin } });
    expect(adminLenses.map((l) => [l.range.start.line, l.command!.title])).toEqual([[lineOf(APP_FILES['src/routes/admin.ts']!, 'router.post'), '🔒 requireAuth · admin · validated · rate-limited']]);
    const orderLenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: orders } });
    expect(orderLenses.map((l) => l.command!.title)).toEqual(['⚠ public', '⚠ public · unvalidated']);
  });
});

describe('custom requests', () => {
  it('routeguard/routes returns the route map with auth states and locations', async () => {
    const { client, at } = await start();
    const { folders } = await client.request<RoutesResult>('routeguard/routes', {});
    expect(folders).toHaveLength(1);
    expect(folders[0]!.routes.map((r) => [r.method, r.path, r.authState])).toEqual([
      ['POST', '/api/admin/reset', 'role-checked'],
      ['GET', '/api/orders', 'public'],
      ['POST', '/api/orders', 'public'],
      ['DELETE', '/api/users/:id', 'authenticated'],
    ]);
    // The public routes carry their missing-auth findings (other rules may add to any route).
    expect(folders[0]!.routes.filter((r) => r.authState === 'public').every((r) => r.findings > 0)).toBe(true);
    expect(folders[0]!.routes[0]!.summary).toBe('🔒 requireAuth · admin · validated · rate-limited');
    const del = folders[0]!.routes[3]!;
    expect(del.uri).toBe(uriOf(at('src/routes/users.ts')));
    expect(del.range.start).toEqual({ line: 4, character: 0 });
  });

  it('routeguard/sarif returns the SARIF log of a folder', async () => {
    const { client, dir } = await start();
    const result = await client.request<SarifResult>('routeguard/sarif', { folderUri: uriOf(dir) });
    const log = JSON.parse(result.sarif);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'missing-auth')).toHaveLength(2);
    expect(result.sarif).not.toContain(dir);
  });

  it('routeguard/analyzeWorkspace re-reads the folders and reports totals', async () => {
    const { client, at } = await start();
    fs.writeFileSync(at('src/app.ts'), APP_TS.replace('app.use(requireAuth);\n', ''));
    const result = await client.request<{ folders: number; files: number; routes: number; findings: number }>('routeguard/analyzeWorkspace', null);
    expect(result).toMatchObject({ folders: 1, files: 5, routes: 4 });
    expect(missingAuth(client.diagnosticsOf(uriOf(at('src/routes/users.ts'))))).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('a broken file is logged and analyzed as far as it parses; other files keep their diagnostics', async () => {
    const { client, at } = await start();
    const orders = uriOf(at('src/routes/orders.ts'));
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 2, 'two findings');
    const users = client.open(at('src/routes/users.ts'));
    const version = client.change(users, "import { Router } from 'express';\nconst router = Router(;\nrouter.delete('/:id', (req, res) => {\n  res.sendStatus(204\n");
    await client.until('parse problem logged', () => client.logs.some((l) => l.message.includes('src/routes/users.ts') && /parse/.test(l.message)));
    await client.until('settled', () => client.statuses.at(-1)?.state === 'idle');
    expect(missingAuth(client.diagnosticsOf(orders))).toHaveLength(2);
    expect(client.exited).toBeUndefined();
    expect(version).toBe(2);
  });

  it('a crash while analysing one file is logged; the server and the other diagnostics survive', async () => {
    const { client, at } = await start(APP_FILES, { ROUTEGUARD_TEST_CRASH_MARKER: '__crash_here__' });
    const orders = uriOf(at('src/routes/orders.ts'));
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 2, 'two findings');
    const users = client.open(at('src/routes/users.ts'));
    client.change(users, `${APP_FILES['src/routes/users.ts']}// __crash_here__\n`);
    const logged = await client.until('error logged', () => client.logs.find((l) => l.type === 1 && l.message.includes('analysing src/routes/users.ts failed')));
    expect(logged.message).toContain('its last good version is kept');
    await client.until('settled', () => client.statuses.at(-1)?.state === 'idle');
    expect(missingAuth(client.diagnosticsOf(orders))).toHaveLength(2);
    // Still answering requests, and still analysing other files.
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.open(at('src/routes/orders.ts')) } });
    expect(lenses).toHaveLength(2);
    const ordersVersion = client.change(orders, ORDERS_TS.replace("router.get('/', (_req, res) => {\n  res.json([]);\n});\n", ''));
    await client.waitDiagnostics(orders, (d) => missingAuth(d).length === 1, 'orders re-analyzed', ordersVersion);
  });
});
