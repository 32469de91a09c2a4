/**
 * `next.config.{js,mjs,cjs,ts,mts}`: the `basePath` every route is served under, and where
 * `headers()` sets CORS headers. The config is read as data (object literals, constants, wrapper
 * calls such as `withBundleAnalyzer(config)`); it is never executed.
 */
import type { Expr, FileFacts } from '../../model/ir';
import { TOP_LEVEL } from '../../model/ir';
import type { Location } from '../../model/route-model';
import type { ProjectIndex } from '../project-index';
import { callFunction, evaluate, newContext, type Val } from './conditions';

export const CONFIG_FILE = /(^|\/)next\.config\.(js|mjs|cjs|ts|mts|cts)$/;

export interface NextConfigFacts {
  file: string;
  basePath: string;
  /** Set when `basePath` is present but not a constant string. */
  basePathNote: string | undefined;
  /** Objects that name an `Access-Control-Allow-Origin` header. */
  cors: Location[];
}

export function readNextConfig(index: ProjectIndex, file: string): NextConfigFacts {
  const out: NextConfigFacts = { file, basePath: '', basePathNote: undefined, cors: [] };
  const facts = index.get(file);
  if (!facts) return out;
  const exported = facts.exports.find((e) => e.name === 'default' || e.name === '=');
  const ctx = newContext(index, '/', 'anonymous');
  let value: Val = exported?.expr ? evaluate(ctx, file, TOP_LEVEL, exported.expr) : exported?.local ? evaluate(ctx, file, TOP_LEVEL, { k: 'id', name: exported.local, span: exported.span }) : { t: 'unknown' };
  // `withPlugins(config)`, `withBundleAnalyzer({ … })(config)`: the config is the object argument.
  if (value.t !== 'obj' && exported?.expr) value = configArgument(ctx, file, exported.expr) ?? value;
  if (value.t === 'fn') value = callFunction(ctx, value.file, value.fn, [{ t: 'unknown' }], 0);
  if (value.t === 'obj') {
    const basePath = value.props.get('basePath');
    if (basePath?.t === 'lit' && typeof basePath.v === 'string') out.basePath = basePath.v.replace(/\/+$/, '');
    else if (basePath) out.basePathNote = 'basePath in next.config is not a constant; paths are shown without it';
  }
  out.cors = corsHeaderObjects(facts);
  return out;
}

function configArgument(ctx: ReturnType<typeof newContext>, file: string, expr: Expr, depth = 0): Val | undefined {
  if (depth > 4 || expr.k !== 'call') return undefined;
  for (const arg of [...expr.args].reverse()) {
    const v = evaluate(ctx, file, TOP_LEVEL, arg);
    if (v.t === 'obj') return v;
  }
  return configArgument(ctx, file, expr.callee, depth + 1);
}

/** `{ key: 'Access-Control-Allow-Origin', value: '*' }` anywhere in the file's expressions. */
export function corsHeaderObjects(facts: FileFacts): Location[] {
  const out: Location[] = [];
  const seen = new Set<number>();
  const visit = (e: Expr | undefined, depth: number): void => {
    if (!e || depth > 14) return;
    const d = depth + 1;
    switch (e.k) {
      case 'obj':
        for (const p of e.props) {
          const isKey = (p.key === 'key' && p.value.k === 'str' && /^access-control-allow-origin$/i.test(p.value.value)) || (p.key !== undefined && /^access-control-allow-origin$/i.test(p.key));
          if (isKey && !seen.has(e.span.start)) {
            seen.add(e.span.start);
            out.push({ file: facts.path, span: e.span });
          }
          visit(p.value, d);
        }
        break;
      case 'arr':
        for (const i of e.items) visit(i, d);
        break;
      case 'call':
        visit(e.callee, d);
        for (const a of e.args) visit(a, d);
        break;
      case 'await':
      case 'spread':
        visit(e.expr, d);
        break;
      default:
        break;
    }
  };
  for (const r of facts.returns) visit(r.expr, 0);
  for (const d of facts.decls) visit(d.init, 0);
  for (const e of facts.exports) visit(e.expr, 0);
  for (const c of facts.calls) {
    // `res.headers.set('Access-Control-Allow-Origin', '*')`.
    const first = c.expr.args[0];
    if (c.expr.callee.k === 'member' && /^(set|append)$/.test(c.expr.callee.name) && first?.k === 'str' && /^access-control-allow-origin$/i.test(first.value) && !seen.has(c.expr.span.start)) {
      seen.add(c.expr.span.start);
      out.push({ file: facts.path, span: c.expr.span });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
