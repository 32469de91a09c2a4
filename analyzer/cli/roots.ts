/**
 * Which directories to analyze and how their files are named in the report. Paths in every report
 * are relative to the directory RouteGuard runs in (so that `routeguard analyze services/api` in a
 * repository's root gives SARIF URIs GitHub can place); a single root outside that directory keeps
 * paths relative to itself, so that no output ever holds an absolute path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';

export interface Root {
  /** What the user typed, for messages. */
  arg: string;
  absolute: string;
  /** POSIX prefix of this root's files in the report; '' for the current directory. */
  prefix: string;
}

export function resolveRoots(args: readonly string[], cwd: string): Root[] {
  const seen = new Set<string>();
  const roots: { arg: string; absolute: string }[] = [];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`path not found: ${arg}`);
    }
    if (!stat.isDirectory()) throw new UsageError(`not a directory: ${arg}`);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    roots.push({ arg, absolute });
  }
  return roots.map((r) => ({ ...r, prefix: reportPrefix(cwd, r.absolute, roots.length) }));
}

function reportPrefix(cwd: string, absolute: string, rootCount: number): string {
  const relative = path.relative(cwd, absolute);
  // Another drive on Windows: there is no relative path.
  if (path.isAbsolute(relative)) return '';
  const posix = relative.split(path.sep).join('/');
  const outside = posix === '..' || posix.startsWith('../');
  return outside && rootCount === 1 ? '' : posix;
}
