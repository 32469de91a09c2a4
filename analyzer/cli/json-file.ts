/**
 * The JSON files the CLI reads and writes besides reports: baselines and route lockfiles. Reading
 * fails with one line naming the file; writing is atomic (see write-output.ts) and stable (sorted
 * by the producer, two-space indent, final newline) so the files diff well in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors';
import { writeFileAtomic } from './write-output';

/**
 * Reads `file` (relative to `cwd`) and validates it with `parse`, which returns the value or an
 * error message. `what` names the kind of file in messages ("baseline", "route lock").
 */
export function readJsonFile<T>(cwd: string, file: string, what: string, parse: (raw: unknown) => T | string): T {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${what} file not found: ${file}` : `cannot read ${what} file ${file}: ${code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: invalid JSON in ${what} file (${(error as Error).message})`);
  }
  const parsed = parse(raw);
  if (typeof parsed === 'string') throw new UsageError(`${file}: not a valid ${what} file: ${parsed}`);
  return parsed;
}

export function writeJsonFile(cwd: string, file: string, value: unknown): void {
  writeFileAtomic(path.resolve(cwd, file), `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes `{ ...head, [key]: records }` with one record per line, so that a route or finding that
 * changed shows as one changed line in a pull request.
 */
export function writeRecordsFile(cwd: string, file: string, head: Record<string, unknown>, key: string, records: readonly unknown[]): void {
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const body = records.length === 0 ? '[]' : `[\n${records.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`;
  writeFileAtomic(path.resolve(cwd, file), `{\n${fields.join('\n')}\n  ${JSON.stringify(key)}: ${body}\n}\n`);
}
