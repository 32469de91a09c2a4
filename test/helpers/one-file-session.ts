/**
 * A language-server-like session over a temporary project of one source file, for tests that edit
 * that file and compare the session's incremental runs with whole runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../analyzer/config/load-config';
import { ProjectSession } from '../../analyzer/session';

export interface OneFileProject {
  session: ProjectSession;
  /** Removes the project's folder. */
  remove(): void;
}

/** `file` with `text`, beside a package.json with `dependencies`; loaded, not yet run. */
export function oneFileSession(dependencies: Record<string, string>, file: string, text: string): OneFileProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-one-file-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'one-file', dependencies }));
  fs.writeFileSync(path.join(dir, file), text);
  const session = new ProjectSession({ root: dir, config: loadConfig(dir).config });
  session.loadAll();
  return { session, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
