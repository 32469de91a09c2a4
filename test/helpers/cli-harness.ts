/**
 * Two ways to drive the CLI in tests: in-process with a fake analyzer (fast, covers the contract),
 * and as a real child process on a freshly bundled cli.js (covers wiring, stderr and exit codes).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzeOptions } from '../../analyzer/analyze';
import type { AnalysisResult } from '../../analyzer/engine/result';
import { run } from '../../analyzer/cli/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  analyze?: (options: AnalyzeOptions) => Promise<AnalysisResult>;
}

export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<CliRun & { calls: AnalyzeOptions[] }> {
  let stdout = '';
  let stderr = '';
  const calls: AnalyzeOptions[] = [];
  const analyze = options.analyze ?? (() => Promise.reject(new Error('no analyzer in this test')));
  const code = await run(argv, {
    analyze: (o) => {
      calls.push(o);
      return analyze(o);
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  });
  return { code, stdout, stderr, calls };
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Temporary directories made by this module, removed by `removeTempDirs()`. */
const tempDirs: string[] = [];

function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Bundles analyzer/cli/main.ts the way scripts/build.mjs does, into a temporary directory, so the
 * tests run the current source and do not race other builds of dist/. Set ROUTEGUARD_CLI to test
 * an existing bundle (e.g. dist/cli.js) instead.
 */
export async function buildCli(): Promise<string> {
  if (process.env.ROUTEGUARD_CLI) return path.resolve(REPO, process.env.ROUTEGUARD_CLI);
  const outdir = makeTempDir('routeguard-cli-');
  const outfile = path.join(outdir, 'cli.js');
  await build({
    absWorkingDir: REPO,
    entryPoints: ['analyzer/cli/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    legalComments: 'none',
  });
  return outfile;
}

export function spawnCli(cli: string, argv: string[], options: { cwd: string; env?: Record<string, string> }): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: '1', ...options.env };
  const child = spawnSync(process.execPath, [cli, ...argv], { cwd: options.cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (child.error) throw child.error;
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** Writes a small project into a fresh temporary directory and returns its path. */
export function tempProject(files: Record<string, string>): string {
  const dir = makeTempDir('routeguard-project-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export { REPO };
