/**
 * Per-function views of a file's facts. Handlers and middleware are read one function at a time;
 * scanning the whole file for each of a router's 30 handlers made discovery quadratic in file size.
 */
import type { CallSite, FileFacts, FnId, Guard, MemberRead, VarDecl } from '../model/ir';
import { groupBy } from '../util/group-by';

export interface FnSlice {
  decls: VarDecl[];
  reads: MemberRead[];
  calls: CallSite[];
  guards: Guard[];
}

const slicesByFile = new WeakMap<FileFacts, Map<FnId, FnSlice>>();

function slices(facts: FileFacts): Map<FnId, FnSlice> {
  let map = slicesByFile.get(facts);
  if (map) return map;
  map = new Map();
  const get = (fn: FnId) => {
    let slice = map!.get(fn);
    if (!slice) map!.set(fn, (slice = { decls: [], reads: [], calls: [], guards: [] }));
    return slice;
  };
  for (const d of facts.decls) get(d.fn).decls.push(d);
  for (const r of facts.reads) get(r.fn).reads.push(r);
  for (const c of facts.calls) get(c.fn).calls.push(c);
  for (const g of facts.guards) get(g.fn).guards.push(g);
  slicesByFile.set(facts, map);
  return map;
}

/** The facts of the functions `fns`, each list in source order. */
export function sliceOf(facts: FileFacts, fns: Iterable<FnId>): FnSlice {
  const map = slices(facts);
  const out: FnSlice = { decls: [], reads: [], calls: [], guards: [] };
  let parts = 0;
  for (const fn of fns) {
    const slice = map.get(fn);
    if (!slice) continue;
    parts++;
    out.decls.push(...slice.decls);
    out.reads.push(...slice.reads);
    out.calls.push(...slice.calls);
    out.guards.push(...slice.guards);
  }
  if (parts > 1) {
    out.decls.sort((a, b) => a.span.start - b.span.start);
    out.reads.sort((a, b) => a.span.start - b.span.start);
    out.calls.sort((a, b) => a.expr.span.start - b.expr.span.start);
    out.guards.sort((a, b) => a.span.start - b.span.start);
  }
  return out;
}

const callPositions = new WeakMap<FileFacts, Map<FnId, number[]>>();

/** The calls of the functions `fns`, in the order of `facts.calls` (not re-sorted by span). */
export function callsInFileOrder(facts: FileFacts, fns: Iterable<FnId>): CallSite[] {
  let byFn = callPositions.get(facts);
  if (!byFn) {
    byFn = groupBy(facts.calls, (c) => c.fn, (_, i) => i);
    callPositions.set(facts, byFn);
  }
  const positions: number[] = [];
  let parts = 0;
  for (const fn of fns) {
    const list = byFn.get(fn);
    if (!list) continue;
    parts++;
    for (const i of list) positions.push(i);
  }
  if (parts > 1) positions.sort((a, b) => a - b);
  return positions.map((i) => facts.calls[i]!);
}
