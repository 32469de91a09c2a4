/**
 * Edit regions: whether what changed in a file since the last run is confined to an inline
 * callback — a function written as an argument of a route registration statement
 * (`router.post('/x', auth, async (req, res) => { … })`, `app.use((req, res, next) => { … })`,
 * `fastify.addHook('onRequest', async (req) => { … })`) — or, failing that, to one registration
 * statement (a guard added to `router.post('/x', …)`), and where that callback or statement is.
 *
 * Such a function has no name anything else could call it by: only the framework it is handed to
 * runs it, so only the routes whose registration, handler or middleware covers it can read
 * differently, and only findings located inside it (whose code it is) can change. Everything else
 * in the file is the same code at shifted offsets. The incremental planner (engine/incremental.ts)
 * then re-evaluates those routes and that span only, instead of the whole file, and keeps the
 * file's other findings with their offsets shifted.
 *
 * A registration statement is read the same way: what it registers reaches the rest only through
 * the routes it gives and the middleware it applies to later routes, whose locations reach it.
 *
 * Anything else (an edit at the top level outside a registration, in a named function or a
 * method, in a callback handed to anything but a registration — `fastify.decorate('authenticate', async () => …)` names it —, or
 * one after which the two parses disagree) gives no region: the whole file is in scope.
 */
import type { FileFacts, FnId, FunctionFacts, Span } from '../model/ir';
import { TOP_LEVEL } from '../model/ir';

/**
 * The edited callback: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one.
 * Offsets before `start` are unchanged; offsets from `oldEnd` on move by `newEnd - oldEnd`.
 */
export interface EditRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Old function id → new function id, for the functions outside the region (ids are indexes). */
  functionIds: ReadonlyMap<FnId, FnId>;
}

/** The smallest region that turns `before` into `after`: their common prefix and suffix excluded. */
export function changedRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  // Whole chunks first (two slices compared natively), then character by character: a keystroke
  // leaves tens of thousands of characters alike on each side, compared on every edit.
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + CHUNK <= shorter - start && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < shorter - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const CHUNK = 512;

/**
 * The edit region between two versions of a file, when the change lies inside the body of the
 * same inline callback in both (see the module comment); undefined otherwise.
 */
export function editRegion(beforeText: string, afterText: string, before: FileFacts, after: FileFacts): EditRegion | undefined {
  const range = changedRange(beforeText, afterText);
  if (!range) return undefined;
  // Syntax errors make the parser guess; how far its guesses reach is not worth working out.
  if (before.problems.length > 0 || after.problems.length > 0) return undefined;
  const delta = range.newEnd - range.oldEnd;
  const region = callbackRegion(before, after, range, delta) ?? registrationRegion(before, after, range, delta);
  if (!region) return undefined;
  const functionIds = matchFunctions(before, after, region.start, region.oldEnd, delta);
  if (!functionIds) return undefined;
  return { ...region, functionIds };
}

type Range = { start: number; oldEnd: number; newEnd: number };

/** The inline callback holding the change in both versions, as a region. */
function callbackRegion(before: FileFacts, after: FileFacts, range: Range, delta: number): Omit<EditRegion, 'functionIds'> | undefined {
  const oldCallback = enclosingCallback(before, range.start, range.oldEnd);
  const newCallback = enclosingCallback(after, range.start, range.newEnd);
  if (!oldCallback || !newCallback) return undefined;
  // The same function in both: it starts at the same offset and ends where the shift puts it.
  if (oldCallback.span.start !== newCallback.span.start || oldCallback.span.end + delta !== newCallback.span.end) return undefined;
  if (oldCallback.bodySpan.start !== newCallback.bodySpan.start || oldCallback.bodySpan.end + delta !== newCallback.bodySpan.end) return undefined;
  return { start: newCallback.span.start, oldEnd: oldCallback.span.end, newEnd: newCallback.span.end };
}

/**
 * The registration statement holding the change in both versions (`router.get('/x', auth, h)`
 * with a guard added), as a region: what it registers is read only through the routes it gives,
 * whose locations reach it, and through the middleware it applies to later routes, whose chains
 * name it.
 */
function registrationRegion(before: FileFacts, after: FileFacts, range: Range, delta: number): Omit<EditRegion, 'functionIds'> | undefined {
  const oldCall = enclosingRegistration(before, range.start, range.oldEnd);
  const newCall = enclosingRegistration(after, range.start, range.newEnd);
  if (!oldCall || !newCall || oldCall.start !== newCall.start || oldCall.end + delta !== newCall.end) return undefined;
  return { start: newCall.start, oldEnd: oldCall.end, newEnd: newCall.end };
}

/** The innermost registration call statement with `[start, end]` strictly inside it. */
function enclosingRegistration(facts: FileFacts, start: number, end: number): Span | undefined {
  let found: Span | undefined;
  for (const call of facts.calls) {
    const span = call.expr.span;
    if (!call.isStatement || !isRegistration(call.expr) || !(span.start < start && end < span.end)) continue;
    if (!found || span.start >= found.start) found = span;
  }
  return found;
}

function isRegistration(call: FileFacts['calls'][number]['expr']): boolean {
  return call.callee.k === 'member' && REGISTRATIONS.has(call.callee.name);
}

/**
 * The outermost function around `[start, end]` that is written inline as an argument of a route
 * registration statement, with the range strictly inside its body; undefined when there is none.
 */
function enclosingCallback(facts: FileFacts, start: number, end: number): FunctionFacts | undefined {
  let innermost: FunctionFacts | undefined;
  for (const fn of facts.functions) {
    if (fn.bodySpan.start < start && end < fn.bodySpan.end && (!innermost || fn.bodySpan.start >= innermost.bodySpan.start)) innermost = fn;
  }
  const inlineArgs = inlineCallbackIds(facts);
  let found: FunctionFacts | undefined;
  for (let fn = innermost; fn; fn = fn.parent === TOP_LEVEL ? undefined : facts.functions[fn.parent]) {
    if (inlineArgs.has(fn.id)) found = fn;
  }
  return found;
}

/**
 * What Express, Fastify and their routers register handlers, middleware and hooks with. A callback
 * handed to anything else may be kept under a name (`decorate`, `set`, an event emitter's `on`).
 */
const REGISTRATIONS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'addHook', 'setErrorHandler', 'setNotFoundHandler', 'register']);

/** The functions passed directly as arguments of a registration statement (`x.get('/', fn);`). */
function inlineCallbackIds(facts: FileFacts): Set<FnId> {
  const ids = new Set<FnId>();
  for (const call of facts.calls) {
    if (!call.isStatement || !isRegistration(call.expr)) continue;
    for (const arg of call.expr.args) if (arg.k === 'fn') ids.add(arg.fn);
  }
  return ids;
}

/**
 * Pairs the functions outside the region, old id → new id, by position (a function before the
 * region starts at the same offset; one after it, at the shifted offset). Undefined when some
 * function outside the region has no counterpart: the parses disagree beyond the edit.
 */
function matchFunctions(before: FileFacts, after: FileFacts, start: number, oldEnd: number, delta: number): Map<FnId, FnId> | undefined {
  const newByStart = new Map<number, FnId>();
  for (const fn of after.functions) newByStart.set(fn.span.start, fn.id);
  const ids = new Map<FnId, FnId>();
  for (const fn of before.functions) {
    if (!outside(fn.span, start, oldEnd)) continue;
    const moved = fn.span.start >= oldEnd ? fn.span.start + delta : fn.span.start;
    const id = newByStart.get(moved);
    if (id === undefined) return undefined;
    ids.set(fn.id, id);
  }
  return ids;
}

/**
 * True when `span` does not reach the changed range `[start, oldEnd]`, ends included: text
 * touching an edit may lex differently (`foo` followed by an inserted `x` is `foox`).
 */
export function outside(span: Span, start: number, oldEnd: number): boolean {
  return span.end < start || span.start > oldEnd;
}
