/**
 * Project loading, step two: reading file text. Never throws; an unreadable, oversized or binary
 * file becomes a recorded problem and the rest of the project is read as usual.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../model/route-model';

export interface ReadResult {
  text: string | undefined;
  problem: Problem | undefined;
}

export function readProjectFile(root: string, file: string, maxBytes: number): ReadResult {
  const abs = path.join(root, file);
  let size: number;
  try {
    size = fs.statSync(abs).size;
  } catch (error) {
    return { text: undefined, problem: { file, span: undefined, kind: 'read-error', message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
  if (size > maxBytes) {
    return { text: undefined, problem: { file, span: undefined, kind: 'file-too-large', message: `skipped: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} file-size cap` } };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(abs);
  } catch (error) {
    return { text: undefined, problem: { file, span: undefined, kind: 'read-error', message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})` } };
  }
  if (looksBinary(buffer)) {
    return { text: undefined, problem: { file, span: undefined, kind: 'binary-file', message: 'skipped: the file is binary' } };
  }
  let text = buffer.toString('utf8');
  // A UTF-8 BOM is not part of the source; dropping it keeps offsets aligned with editors' columns.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Invalid UTF-8 (a Latin-1 file, stray bytes) is read as U+FFFD, as editors show it, and analyzed;
  // the problem says why a string in it may not match. Checked strictly only when U+FFFD shows up.
  if (text.includes('\uFFFD') && !isValidUtf8(buffer)) {
    return { text, problem: { file, span: undefined, kind: 'encoding', message: 'not valid UTF-8 (another encoding?); invalid bytes were read as U+FFFD and the file was analyzed' } };
  }
  return { text, problem: undefined };
}

function isValidUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

/** A NUL byte in the first 8 KiB: what git and most editors use to call a file binary. */
function looksBinary(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, 8192);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
