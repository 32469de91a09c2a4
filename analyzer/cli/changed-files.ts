/**
 * `--changed-since <ref>`: which files of a root changed since a git ref, so that a pull-request
 * run reports only what the change touched while the analysis still sees the whole project (a
 * router's full path comes from an unchanged app.ts).
 *
 * Changed means `git diff --name-only <ref>` (committed since the ref, staged or not) plus
 * untracked files that are not ignored. Git runs through execFileSync with an argument array,
 * never a shell string, so no ref or path can be interpreted by a shell.
 */
import { execFileSync } from 'node:child_process';
import type { AnalysisResult } from '../engine/result';
import { UsageError } from '../errors';

function git(root: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    // Read-only: never take the index lock to refresh stat data (CI checkouts, shared worktrees).
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
  });
}

function gitMessage(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' ? stderr : '';
  return text.split(/\r?\n/).find((line) => line.trim() !== '')?.replace(/^(fatal|error): /, '') ?? 'git failed';
}

/**
 * Project-relative POSIX paths of the files of `root` changed since `ref`. `label` names the root
 * in messages. Throws a UsageError (one line, exit 2) when git is missing, the root is not in a
 * repository, or the ref does not name a commit.
 */
export function changedFiles(root: string, ref: string, label: string): Set<string> {
  // A leading dash would make git read the ref as an option (`--output=…`).
  if (ref.trim() === '' || ref.startsWith('-')) throw new UsageError(`--changed-since: not a git ref: '${ref}'`);
  try {
    git(root, ['rev-parse', '--is-inside-work-tree']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('--changed-since needs git, which was not found on the PATH');
    throw new UsageError(`--changed-since: ${label} is not inside a git work tree (${gitMessage(error)})`);
  }
  let diff: string;
  try {
    // `--` makes git take the ref as a revision only, never as a path; `--relative` limits the
    // list to the root and makes the paths relative to it.
    diff = git(root, ['diff', '--name-only', '-z', '--relative', ref, '--']);
  } catch (error) {
    throw new UsageError(`--changed-since: unknown git ref '${ref}' (${gitMessage(error)})`);
  }
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set<string>();
  for (const file of `${diff}\0${untracked}`.split('\0')) if (file !== '') files.add(file);
  return files;
}

/**
 * Keeps the findings located in a changed file, or with a related location in one: a guard
 * removed from a mount in app.ts is reported at the routes it exposes, in the router's own file,
 * with the mount as a related location.
 */
export function keepChangedFindings(result: AnalysisResult, changed: ReadonlySet<string>): AnalysisResult {
  const touches = (file: string) => changed.has(file);
  return {
    ...result,
    findings: result.findings.filter((f) => touches(f.location.file) || f.related.some((r) => touches(r.location.file))),
  };
}
