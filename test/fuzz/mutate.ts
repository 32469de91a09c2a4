/**
 * Seeded mutations of source text for the fuzz test (test/fuzz/fuzz.test.ts) and its bench-sized
 * run (bench/fuzz.mjs). Everything derives from one integer seed, so a failing input is replayed
 * from its seed alone.
 */

// @ts-expect-error: a plain ES module without types (the bench's corpus generator).
import { rng } from '../../bench/generate.mjs';

/** mulberry32 (bench/generate.mjs): a small, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed: number): Random {
  return (rng as (seed: number) => Random)(seed);
}

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, max: number) => Math.floor(random() * max);

/**
 * Unicode that trips up tokenizers, offset arithmetic (UTF-16 vs code points vs bytes) and
 * terminals: astral characters, combining marks, bidi overrides, zero-width and line separators,
 * lone surrogates, a BOM in the middle, NUL, and characters valid in identifiers.
 */
export const NASTY_UNICODE = [
  '😀',
  '𝒜',
  'e\u0301',
  '\u202E',
  '\u2066',
  '\u200B',
  '\u200D',
  '\u2028',
  '\u2029',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u0000',
  'ẞ',
  'ı',
  'Ⅻ',
  '\u3000',
  '\r',
  '\t',
  'ℌ𝔢𝔩𝔩𝔬',
  '䶵',
  '\\u{1F600}',
  '\\',
];

/** Tokens whose insertion breaks structure: brackets, quotes, comment and template delimiters, arrows. */
const STRUCTURE = ['{', '}', '(', ')', '[', ']', '`', "'", '"', '/*', '*/', '//', '=>', '${', '<', '>', '</', '/>', ';', ',', '...', '?.', '#', '@', '\n'];

export const MUTATIONS = ['delete-token', 'duplicate-token', 'truncate', 'insert-unicode', 'insert-structure', 'swap-lines', 'duplicate-range'] as const;
export type MutationKind = (typeof MUTATIONS)[number];

/** A token: a word, a run of spaces, or one other character (surrogate pairs stay together). */
function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_$]+|\s+|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^]/gu) ?? [];
}

/** Applies one mutation; returns the new text and a short description for the report. */
export function mutate(text: string, random: Random, kind: MutationKind = pick(random, MUTATIONS)): { text: string; what: string } {
  switch (kind) {
    case 'delete-token':
    case 'duplicate-token': {
      const tokens = tokenize(text);
      if (tokens.length === 0) return { text, what: kind };
      const i = int(random, tokens.length);
      const token = tokens[i]!;
      tokens.splice(i, kind === 'delete-token' ? 1 : 0, ...(kind === 'delete-token' ? [] : [token]));
      return { text: tokens.join(''), what: `${kind} #${i} ${JSON.stringify(token.slice(0, 20))}` };
    }
    case 'truncate': {
      const at = int(random, text.length + 1);
      return { text: text.slice(0, at), what: `truncate at ${at}` };
    }
    case 'insert-unicode':
    case 'insert-structure': {
      const at = int(random, text.length + 1);
      const piece = pick(random, kind === 'insert-unicode' ? NASTY_UNICODE : STRUCTURE);
      return { text: text.slice(0, at) + piece + text.slice(at), what: `${kind} ${JSON.stringify(piece)} at ${at}` };
    }
    case 'swap-lines': {
      const lines = text.split('\n');
      const a = int(random, lines.length);
      const b = int(random, lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return { text: lines.join('\n'), what: `swap lines ${a + 1} and ${b + 1}` };
    }
    case 'duplicate-range': {
      const start = int(random, text.length + 1);
      const end = Math.min(text.length, start + int(random, 400));
      const at = int(random, text.length + 1);
      return { text: text.slice(0, at) + text.slice(start, end) + text.slice(at), what: `duplicate [${start}, ${end}) at ${at}` };
    }
  }
}
