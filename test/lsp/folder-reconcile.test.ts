/**
 * The folder scheduler (server/folder.ts) after an edit: the edit gets a scoped run (only what it
 * can affect, analyzer/engine/incremental.ts), and once nothing changed for `reconcileMs` one
 * whole run follows; an edit before then cancels it. In-process, with a fake host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderAnalysis, type Buffer, type FolderHost } from '../../server/folder';
import { DEFAULT_SETTINGS } from '../../server/protocol';
import type { ProjectSession } from '../../analyzer/session';
import { tempProject } from './lsp-client';

const APP = `import express from 'express';
import users from './routes/users';
const app = express();
app.use('/users', users);
export default app;
`;
const USERS = `import { Router } from 'express';
const router = Router();
router.delete('/:id', async (req, res) => { await db.user.delete({ where: { id: req.params.id } }); res.sendStatus(204); });
export default router;
`;

function fakeHost(buffers: Map<string, Buffer>, events: string[]): FolderHost {
  return {
    buffer: (abs) => buffers.get(abs),
    openPaths: () => [...buffers.keys()],
    log: (level, message) => void events.push(`log ${level}: ${message}`),
    beginLoad: async () => ({ report: () => undefined, done: () => undefined }),
    analyzing: () => void events.push('analyzing'),
    resultReady: () => void events.push('result'),
    settled: () => void events.push('settled'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let folder: FolderAnalysis | undefined;
afterEach(() => folder?.dispose());

describe('folder scheduling after an edit', () => {
  it('runs the edit scoped, then one whole run once quiet; a new edit cancels the pending whole run', async () => {
    const root = tempProject({ 'package.json': '{"dependencies":{"express":"4.21.0"}}', 'src/app.ts': APP, 'src/routes/users.ts': USERS });
    const buffers = new Map<string, Buffer>();
    const events: string[] = [];
    folder = new FolderAnalysis('file:///x', 'x', root, DEFAULT_SETTINGS, fakeHost(buffers, events), { debounceMs: 5, quietMs: 5, reconcileMs: 300 });
    folder.reload();
    await folder.whenIdle();
    // Which runs the session makes: scoped (after an edit) or whole.
    const runs: ('scoped' | 'whole')[] = [];
    const session = (folder as unknown as { session: ProjectSession }).session;
    const run = session.run.bind(session);
    session.run = (options) => {
      const result = run(options);
      runs.push(session.lastRunWasScoped ? 'scoped' : 'whole');
      return result;
    };
    const users = path.join(root, 'src/routes/users.ts');
    const first = folder.result!;
    const deleteFinding = (r: typeof first) => r.findings.find((f) => f.ruleId === 'missing-auth')!;
    expect(deleteFinding(first).location.file).toBe('src/routes/users.ts');

    buffers.set(users, { text: `// edited\n${USERS}`, version: 2 });
    folder.fileChanged(users);
    await folder.whenIdle();
    expect(runs).toEqual(['scoped']);
    expect(deleteFinding(folder.result!).location.span.start).toBe(deleteFinding(first).location.span.start + '// edited\n'.length);

    // Another edit well before reconcileMs: the pending whole run is cancelled, one follows this edit.
    await sleep(50);
    buffers.set(users, { text: `// edited twice\n${USERS}`, version: 3 });
    folder.fileChanged(users);
    await folder.whenIdle();
    const scoped = folder.result!;
    await until('the whole run', () => runs.includes('whole'));
    expect(runs).toEqual(['scoped', 'scoped', 'whole']);
    const shown = (r: typeof first) => r.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.span.start} ${f.fingerprint}`);
    expect(shown(folder.result!)).toEqual(shown(scoped));
    // Equal findings: nothing is published again.
    expect(events.filter((e) => e.includes('the whole run after the last edit changed findings'))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
