/**
 * Path patterns in the syntax of path-to-regexp 6, which both Next.js middleware matchers
 * (`config.matcher`) and Clerk's `createRouteMatcher` use: `/api/:path*`, `/dashboard(.*)`,
 * `/((?!_next/static|favicon.ico).*)`, `{/:locale}?/admin`. Compiled to a RegExp that is only ever
 * run against short, concrete sample paths; nothing from the analyzed project is executed.
 *
 * Next compiles matchers case-insensitively and tolerates a trailing slash (path-to-regexp's
 * defaults); so do we.
 */

const DEFAULT_PARAM = '[^\\/#\\?]+?';
const MAX_PATTERN_LENGTH = 500;

type Token =
  | { k: 'text'; value: string }
  | { k: 'param'; prefix: string; pattern: string; modifier: string }
  | { k: 'group'; tokens: Token[]; modifier: string };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Reads a balanced `( … )` starting at `i` (the opening paren); returns the inside and the index after. */
function readParens(source: string, i: number): { inside: string; next: number } | undefined {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    const ch = source[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return { inside: source.slice(i + 1, j), next: j + 1 };
    }
  }
  return undefined;
}

function tokenize(source: string, start: number, endChar: string | undefined): { tokens: Token[]; next: number } | undefined {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ k: 'text', value: text });
    text = '';
  };
  /** path-to-regexp 6: a `/` or `.` right before a parameter becomes its prefix. */
  const takePrefix = (): string => {
    const last = text[text.length - 1];
    if (last === '/' || last === '.') {
      text = text.slice(0, -1);
      return last;
    }
    return '';
  };
  const readModifier = (i: number): { modifier: string; next: number } => {
    const ch = source[i];
    return ch === '?' || ch === '*' || ch === '+' ? { modifier: ch, next: i + 1 } : { modifier: '', next: i };
  };
  let i = start;
  while (i < source.length) {
    const ch = source[i]!;
    if (endChar && ch === endChar) {
      flush();
      return { tokens, next: i + 1 };
    }
    if (ch === '\\') {
      text += source[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === ':') {
      const name = /^[A-Za-z0-9_]+/.exec(source.slice(i + 1))?.[0];
      if (!name) return undefined;
      i += 1 + name.length;
      let pattern = DEFAULT_PARAM;
      if (source[i] === '(') {
        const group = readParens(source, i);
        if (!group) return undefined;
        pattern = group.inside;
        i = group.next;
      }
      const prefix = takePrefix();
      flush();
      const mod = readModifier(i);
      tokens.push({ k: 'param', prefix, pattern, modifier: mod.modifier });
      i = mod.next;
      continue;
    }
    if (ch === '(') {
      const group = readParens(source, i);
      if (!group) return undefined;
      const prefix = takePrefix();
      flush();
      const mod = readModifier(group.next);
      tokens.push({ k: 'param', prefix, pattern: group.inside, modifier: mod.modifier });
      i = mod.next;
      continue;
    }
    if (ch === '{') {
      flush();
      const inner = tokenize(source, i + 1, '}');
      if (!inner) return undefined;
      const mod = readModifier(inner.next);
      tokens.push({ k: 'group', tokens: inner.tokens, modifier: mod.modifier });
      i = mod.next;
      continue;
    }
    text += ch;
    i++;
  }
  if (endChar) return undefined;
  flush();
  return { tokens, next: i };
}

function compileTokens(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.k === 'text') out += escapeRegex(t.value);
    else if (t.k === 'group') out += `(?:${compileTokens(t.tokens)})${t.modifier === '+' || t.modifier === '*' || t.modifier === '?' ? t.modifier : ''}`;
    else {
      const prefix = escapeRegex(t.prefix);
      if (t.modifier === '') out += `${prefix}(${t.pattern})`;
      else if (t.modifier === '?') out += `(?:${prefix}(${t.pattern}))?`;
      else {
        const repeated = `(?:${prefix}((?:${t.pattern})(?:${prefix}(?:${t.pattern}))*))`;
        out += t.modifier === '*' ? `${repeated}?` : repeated;
      }
    }
  }
  return out;
}

/** Compiles a path-to-regexp 6 pattern; undefined when it cannot be parsed (or is unreasonably long). */
export function compilePathPattern(source: string): RegExp | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return undefined;
  const parsed = tokenize(source, 0, undefined);
  if (!parsed) return undefined;
  try {
    return new RegExp(`^${compileTokens(parsed.tokens)}(?:\\/)?$`, 'i');
  } catch {
    return undefined;
  }
}

/** Does the pattern match this concrete path? undefined when the pattern cannot be read. */
export function matchesPathPattern(source: string, path: string): boolean | undefined {
  const re = compilePathPattern(source);
  return re ? re.test(path) : undefined;
}
