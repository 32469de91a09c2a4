/**
 * The language server under load (dist/server.js over stdio, as an editor runs it): a storm of
 * 1,000 edits to one file, 500 files opened and closed, and a workspace where every file has a
 * syntax error. Throughout, a hover must be answered within 1 s; afterwards the heap (measured
 * after a forced GC through the internal `routeguard/debugStats` request) must be within 1.5× of
 * what it was before; `shutdown` + `exit` must end the process with code 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { ADMIN_TS, APP_FILES, ORDERS_TS } from '../lsp/app';
import { LspClient, tempProject, uriOf } from '../lsp/lsp-client';
import { DEBUG_STATS_REQUEST, type DebugStatsResult } from '../../server/protocol';

const clients: LspClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.shutdown()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(files: Record<string, string>): Promise<{ client: LspClient; dir: string }> {
  const dir = tempProject(files);
  dirs.push(dir);
  const client = new LspClient();
  clients.push(client);
  await client.initialize([dir]);
  await client.analyzed();
  return { client, dir };
}

const mb = (stats: DebugStatsResult) => (stats.heapUsed / 1e6).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's stats once no analysis is scheduled or running, after a forced GC. */
async function heap(client: LspClient): Promise<DebugStatsResult> {
  for (const started = performance.now(); performance.now() - started < 30_000; await sleep(50)) {
    const stats = await client.request<DebugStatsResult>(DEBUG_STATS_REQUEST, { gc: true });
    if (!stats.busy) return stats;
  }
  throw new Error('the server stayed busy for 30 s');
}

interface HoverProbe {
  uri: string;
  position: { line: number; character: number };
}

/** Hovers on each probe in turn every `everyMs` until `done` resolves; each answer's latency and whether it had content. */
async function hoverWhile(client: LspClient, probes: HoverProbe[], done: Promise<unknown>, everyMs = 100): Promise<{ uri: string; ms: number; content: boolean }[]> {
  let finished = false;
  void done.finally(() => (finished = true));
  const answers: { uri: string; ms: number; content: boolean }[] = [];
  for (let i = 0; !finished; i++) {
    const probe = probes[i % probes.length]!;
    const started = performance.now();
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: probe.uri }, position: probe.position });
    answers.push({ uri: probe.uri, ms: performance.now() - started, content: hover !== null });
    await sleep(everyMs);
  }
  return answers;
}

const slowest = (answers: { ms: number }[]) => Math.round(Math.max(...answers.map((a) => a.ms)));
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start));


describe('the language server under load', () => {
  it('1,000 rapid edits to one file: hovers answered within 1 s, the last text wins, the heap stays bounded', async () => {
    const { client, dir } = await start(APP_FILES);
    const uri = client.open(path.join(dir, 'src/routes/orders.ts'));
    const admin = client.open(path.join(dir, 'src/routes/admin.ts'));
    await client.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-auth'), 'diagnostics on open');
    client.change(uri, ORDERS_TS.replace('res.json([])', 'res.json([0])'));
    await client.analyzed();
    const before = await heap(client);

    const storm = (async () => {
      let version = 0;
      for (let i = 0; i < 1000; i++) {
        // Typing: alternately a statement added in the GET handler and a syntax error in it.
        const text = i % 7 === 3 ? ORDERS_TS.replace('res.json([]);', 'res.json([;') : ORDERS_TS.replace('res.json([]);', `res.json([${i}]);`);
        version = client.change(uri, text);
        await sleep(3);
      }
      return version;
    })();
    // The edited file (its hover may be empty while its analysis lags the buffer) and another file.
    const answers = await hoverWhile(client, [{ uri, position: { line: lineOf(ORDERS_TS, "router.post('/'"), character: 8 } }, { uri: admin, position: { line: lineOf(ADMIN_TS, "router.post('/reset'"), character: 8 } }], storm, 50);
    const last = await storm;
    await client.waitDiagnostics(uri, (d) => d.filter((x) => x.code === 'missing-auth').length === 2, 'the final text analyzed', last, 30_000);
    const after = await heap(client);
    console.log(`1,000 edits: ${answers.length} hovers, slowest ${slowest(answers)} ms; heap ${mb(before)} → ${mb(after)} MB`);
    expect(answers.length).toBeGreaterThanOrEqual(4);
    expect(slowest(answers)).toBeLessThan(1000);
    expect(answers.filter((a) => a.uri === admin).every((a) => a.content)).toBe(true);
    expect(after.heapUsed).toBeLessThan(before.heapUsed * 1.5);
  });

  it('500 files opened (with an unsaved edit) and closed again: hovers answered within 1 s, no buffer left behind, the heap stays bounded', async () => {
    const files: Record<string, string> = { ...APP_FILES };
    for (let i = 0; i < 500; i++) files[`src/gen/f${i}.ts`] = `import { Router } from 'express';\nconst router = Router();\nrouter.get('/f${i}', (_req, res) => res.json([]));\nexport default router;\n`;
    const { client, dir } = await start(files);
    const admin = client.open(path.join(dir, 'src/routes/admin.ts'));
    const warm = client.open(path.join(dir, 'src/gen/f0.ts'));
    client.change(warm, files['src/gen/f0.ts']!.replace("res.json([])", 'res.json([1])'));
    client.close(warm);
    await client.analyzed();
    await sleep(500);
    const before = await heap(client);

    const storm = (async () => {
      for (let i = 0; i < 500; i++) {
        const abs = path.join(dir, `src/gen/f${i}.ts`);
        const uri = client.open(abs, files[`src/gen/f${i}.ts`]!.replace("router.get(", "router.post('/extra', (_req, res) => res.sendStatus(204));\nrouter.get("));
        await sleep(2);
        client.close(uri);
      }
    })();
    const answers = await hoverWhile(client, [{ uri: admin, position: { line: lineOf(ADMIN_TS, "router.post('/reset'"), character: 8 } }], storm, 50);
    await storm;
    // Every file is back to its text on disk: no 'extra' route anywhere.
    const lastFile = uriOf(path.join(dir, 'src/gen/f499.ts'));
    await client.waitDiagnostics(lastFile, (d) => !d.some((x) => String(x.message).includes('/extra')), 'the closed files analyzed from disk again', undefined, 30_000);
    const after = await heap(client);
    console.log(`500 open/close: ${answers.length} hovers, slowest ${slowest(answers)} ms; heap ${mb(before)} → ${mb(after)} MB; ${after.documents} buffer(s) open`);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(slowest(answers)).toBeLessThan(1000);
    expect(answers.every((a) => a.content)).toBe(true);
    expect(after.documents).toBe(1);
    expect(after.heapUsed).toBeLessThan(before.heapUsed * 1.5);
  });

  it('a workspace where every file has a syntax error: problems logged (capped), hovers answered, a fixed file analyzed', async () => {
    const files: Record<string, string> = { 'package.json': APP_FILES['package.json']! };
    for (let i = 0; i < 200; i++) files[`src/broken${i}.ts`] = `import express from 'express';\nconst app = express();\napp.post('/b${i}', (req, res) => { res.json(req.body) ;\nconst x = (;\n`;
    const { client, dir } = await start(files);
    await client.until('problems in the log', () => client.logs.some((l) => l.message.includes('syntax error')));
    const problemLines = client.logs.filter((l) => /syntax error|more problems/.test(l.message));
    expect(problemLines.length).toBeLessThanOrEqual(51);
    expect(client.logs.some((l) => /and \d+ more problems/.test(l.message))).toBe(true);
    const uri = client.open(path.join(dir, 'src/broken7.ts'));
    const started = performance.now();
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } });
    expect(performance.now() - started).toBeLessThan(1000);
    // Fixed, the file's route is found and reported like any other.
    const version = client.change(uri, "import express from 'express';\nconst app = express();\napp.post('/b7', (req, res) => { res.json(req.body); });\n");
    await client.waitDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-auth' && String(x.message).includes('POST /b7')), 'the fixed file analyzed', version);
    expect(client.exited).toBeUndefined();
  });

  it('shuts down cleanly on shutdown + exit, even in the middle of a storm of edits', async () => {
    const { client, dir } = await start(APP_FILES);
    const uri = client.open(path.join(dir, 'src/routes/orders.ts'));
    for (let i = 0; i < 200; i++) client.change(uri, ORDERS_TS.replace('res.json([]);', `res.json([${i}]);`));
    const started = performance.now();
    await client.request('shutdown', null);
    void client.connection.sendNotification('exit');
    while (client.exited === undefined && performance.now() - started < 5_000) await sleep(20);
    expect(client.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(client.stderr).toBe('');
  });
});

