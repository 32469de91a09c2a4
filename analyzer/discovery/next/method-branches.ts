/**
 * Pages Router API handlers answer every method with one function; the method is decided inside:
 * `switch (req.method) { case 'GET': … case 'POST': … }`, `if (req.method === 'POST') { … }`, or
 * `if (req.method !== 'POST') return res.status(405)…`. Each method found becomes its own route,
 * whose facts leave out the other methods' branches.
 */
import type { Expr, FileFacts, FnId, Span } from '../../model/ir';
import type { HttpMethod } from '../../model/route-model';

const METHOD_NAMES = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export interface MethodBranch {
  method: HttpMethod;
  /** Where the branch is (the `case` clause or the `if`), used as the route's registration. */
  at: Span;
  /** Spans that belong to this method only. */
  spans: Span[];
}

export interface MethodSplit {
  branches: MethodBranch[];
  /** A `req.method !== 'X'` guard that rejects every other method: only these methods are served. */
  only: { methods: HttpMethod[]; at: Span } | undefined;
}

/**
 * Reads the method branching of handler `fn` (its own body, not nested functions). `requestName`
 * is the request parameter; `const { method } = req` aliases are followed.
 */
export function readMethodBranches(facts: FileFacts, fn: FnId, requestName: string): MethodSplit {
  const aliases = new Set<string>();
  for (const d of facts.decls) {
    if (d.fn !== fn || !d.init) continue;
    if (d.init.k === 'id' && d.init.name === requestName) for (const n of d.names) if (n.path.length === 1 && n.path[0] === 'method') aliases.add(n.name);
    if (d.name && isMethodRead(d.init, requestName, new Set())) aliases.add(d.name);
  }
  const isMethod = (e: Expr) => isMethodRead(e, requestName, aliases);
  const byMethod = new Map<HttpMethod, MethodBranch>();
  const add = (method: HttpMethod, at: Span, span: Span) => {
    const b = byMethod.get(method) ?? { method, at, spans: [] };
    b.spans.push(span);
    byMethod.set(method, b);
  };

  for (const sw of facts.switches) {
    if (sw.fn !== fn || !isMethod(upper(sw.discriminant))) continue;
    // `case 'PUT': case 'PATCH': …` falls through: an empty clause shares the next clause's body.
    let pending: { method: HttpMethod; at: Span }[] = [];
    for (const clause of sw.clauses) {
      const label = clause.labels[0];
      const method = label?.k === 'str' && METHOD_NAMES.has(label.value.toUpperCase()) ? (label.value.toUpperCase() as HttpMethod) : undefined;
      const empty = label !== undefined && clause.span.end - label.span.end <= 2;
      if (method) pending.push({ method, at: clause.span });
      if (empty) continue;
      for (const p of pending) add(p.method, p.at, clause.span);
      pending = [];
    }
  }

  let only: MethodSplit['only'];
  for (const g of facts.guards) {
    if (g.fn !== fn || !g.thenSpan) continue;
    const test = methodTest(g.test, isMethod);
    if (!test) continue;
    if (test.positive) {
      for (const m of test.methods) add(m, g.span, g.thenSpan);
    } else if (g.then.exits || g.then.throws || g.then.responds) {
      // `if (req.method !== 'POST') return res.status(405).end()`: the rest serves POST only.
      only = { methods: only ? only.methods.filter((m) => test.methods.includes(m)) : test.methods, at: g.span };
    }
  }
  return { branches: [...byMethod.values()], only };
}

function upper(e: Expr): Expr {
  // `switch (req.method?.toUpperCase())`.
  if (e.k === 'call' && e.callee.k === 'member' && /^(toUpperCase|toLowerCase)$/.test(e.callee.name)) return e.callee.object;
  return e;
}

function isMethodRead(e: Expr, requestName: string, aliases: ReadonlySet<string>): boolean {
  const x = upper(e);
  if (x.k === 'id') return aliases.has(x.name);
  return x.k === 'member' && x.name === 'method' && x.object.k === 'id' && x.object.name === requestName;
}

/** `m === 'POST'`, `m === 'PUT' || m === 'PATCH'`, `['PUT','PATCH'].includes(m)`, and their negations. */
function methodTest(test: Expr, isMethod: (e: Expr) => boolean, depth = 0): { methods: HttpMethod[]; positive: boolean } | undefined {
  if (depth > 8) return undefined;
  if (test.k === 'unary' && test.op === '!') {
    const inner = methodTest(test.expr, isMethod, depth + 1);
    return inner ? { methods: inner.methods, positive: !inner.positive } : undefined;
  }
  if (test.k === 'bin' && (test.op === '===' || test.op === '==' || test.op === '!==' || test.op === '!=')) {
    const [m, lit] = isMethod(test.left) ? [test.left, test.right] : isMethod(test.right) ? [test.right, test.left] : [undefined, undefined];
    if (!m || lit?.k !== 'str' || !METHOD_NAMES.has(lit.value.toUpperCase())) return undefined;
    return { methods: [lit.value.toUpperCase() as HttpMethod], positive: test.op === '===' || test.op === '==' };
  }
  if (test.k === 'bin' && (test.op === '||' || test.op === '&&')) {
    const l = methodTest(test.left, isMethod, depth + 1);
    const r = methodTest(test.right, isMethod, depth + 1);
    if (!l || !r || l.positive !== r.positive) return undefined;
    // `a === 'PUT' || a === 'PATCH'` and `a !== 'PUT' && a !== 'PATCH'` both name a set.
    if ((test.op === '||') === l.positive) return { methods: [...l.methods, ...r.methods], positive: l.positive };
    return undefined;
  }
  if (test.k === 'call' && test.callee.k === 'member' && test.callee.name === 'includes' && test.args[0] && isMethod(test.args[0]) && test.callee.object.k === 'arr') {
    const methods = test.callee.object.items.filter((i): i is Extract<Expr, { k: 'str' }> => i.k === 'str' && METHOD_NAMES.has(i.value.toUpperCase())).map((i) => i.value.toUpperCase() as HttpMethod);
    return methods.length > 0 ? { methods, positive: true } : undefined;
  }
  return undefined;
}
