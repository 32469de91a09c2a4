/**
 * Byte sizes as body parsers and upload libraries accept them: numbers are bytes, strings use the
 * `bytes` package's units ('100kb', '1mb', '1.5 GB'; 1 kb = 1024 b), as in express.json({ limit })
 * and Fastify's `bodyLimit` (a number). Pure helpers for missing-body-limit and any rule that
 * compares a configured size.
 */
import type { Expr, FileFacts, FnId } from '../../analyzer/model/ir';

/** 1 MB, the most a JSON body should need; also Fastify's default `bodyLimit` (1048576). */
export const ONE_MB = 1024 * 1024;

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** '50mb' → 52428800, '500kb' → 512000, 1024 → 1024, '1024' → 1024; undefined when unreadable. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) || value === Infinity ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(b|kb|mb|gb|tb|pb)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  return Math.floor(n * UNITS[unit]!);
}

/** 52428800 → '50 MB', 1536 → '1.5 KB': for messages. */
export function formatSize(bytes: number): string {
  if (bytes === Infinity) return 'unlimited';
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * The size an expression denotes: a number or size string, arithmetic on them
 * (`50 * 1024 * 1024`), `Infinity`, or a top-level constant of the same file holding one.
 * Undefined when it depends on run time (an env variable, a function call).
 */
export function sizeOfExpr(expr: Expr | undefined, facts?: FileFacts, depth = 0): number | undefined {
  if (!expr || depth > 8) return undefined;
  const d = depth + 1;
  switch (expr.k) {
    case 'num':
      return expr.value;
    case 'str':
      return parseSize(expr.value);
    case 'tpl':
      return expr.exprs.length === 0 ? parseSize(expr.quasis.join('')) : undefined;
    case 'bin': {
      const l = sizeOfExpr(expr.left, facts, d);
      const r = sizeOfExpr(expr.right, facts, d);
      if (l === undefined || r === undefined) return undefined;
      if (expr.op === '*') return l * r;
      if (expr.op === '+') return l + r;
      if (expr.op === '-') return l - r;
      if (expr.op === '**') return l ** r;
      if (expr.op === '<<') return l * 2 ** r;
      return undefined;
    }
    case 'id': {
      if (expr.name === 'Infinity') return Infinity;
      const decl = facts ? constDecl(facts, expr.name) : undefined;
      return decl ? sizeOfExpr(decl, facts, d) : undefined;
    }
    case 'member':
      return expr.name === 'POSITIVE_INFINITY' || expr.name === 'MAX_SAFE_INTEGER' || expr.name === 'MAX_VALUE' ? Infinity : undefined;
    default:
      return undefined;
  }
}

function constDecl(facts: FileFacts, name: string, fn: FnId = -1): Expr | undefined {
  return facts.decls.find((d) => d.fn === fn && d.kind === 'const' && d.name === name)?.init;
}
