/**
 * Edit regions (analyzer/engine/edit-region.ts) and the route index carried from model to model
 * (analyzer/model/route-index.ts): the two pieces that let an edit inside a handler re-evaluate one
 * route instead of every route of its file. test/incremental-rules.test.ts checks the findings end
 * to end; this file pins down when a region is given and what the index answers.
 */
import { describe, expect, it } from 'vitest';
import { changedRange, editRegion } from '../analyzer/engine/edit-region';
import { extractFile } from '../analyzer/extract/extract-file';
import { compareRoutes, RouteIndex } from '../analyzer/model/route-index';
import type { Middleware, Route, RouteModel } from '../analyzer/model/route-model';

const ROUTER = `import { Router } from 'express';
const router = Router();
function helper(x: number) {
  return x + 1;
}
router.get('/a', async (req, res) => {
  const n = helper(1);
  res.json({ n });
});
router.post('/b', (req, res) => {
  res.json({ ok: true });
});
export default router;
`;

/** The region for replacing the first `from` after `after` with `to`. */
function regionFor(text: string, after: string, from: string, to: string, file = 'src/r.ts') {
  const at = text.indexOf(from, text.indexOf(after));
  const edited = `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
  return { edited, region: editRegion(text, edited, extractFile(file, text), extractFile(file, edited)) };
}

describe('changedRange', () => {
  it('excludes the common prefix and suffix', () => {
    expect(changedRange('abcdef', 'abXYef')).toEqual({ start: 2, oldEnd: 4, newEnd: 4 });
    expect(changedRange('abc', 'abxc')).toEqual({ start: 2, oldEnd: 2, newEnd: 3 });
    expect(changedRange('abxc', 'abc')).toEqual({ start: 2, oldEnd: 3, newEnd: 2 });
    expect(changedRange('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
    expect(changedRange('same', 'same')).toBeUndefined();
  });

  it('gives what a character-by-character comparison gives on long texts (compared a chunk at a time)', () => {
    const naive = (a: string, b: string) => {
      let start = 0;
      while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++;
      let suffix = 0;
      while (suffix < Math.min(a.length, b.length) - start && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
      return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix };
    };
    // A deterministic generator: repetitive text (runs of the same chunk) with edits near chunk edges.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 300; i++) {
      const unit = 'ab'.repeat(1 + next(300));
      const text = unit.repeat(1 + next(8)) + 'x'.repeat(next(1200));
      const at = next(text.length + 1);
      const cut = next(Math.min(40, text.length - at) + 1);
      const inserted = ['', 'a', 'b', 'ab', 'zz', unit.slice(0, next(unit.length + 1))][next(6)]!;
      const edited = text.slice(0, at) + inserted + text.slice(at + cut);
      expect(changedRange(text, edited), `case ${i}`).toEqual(text === edited ? undefined : naive(text, edited));
    }
  });
});

describe('editRegion', () => {
  it('is the inline callback holding the edit, with the shift past it', () => {
    const { edited, region } = regionFor(ROUTER, "router.get('/a'", 'helper(1)', 'helper(12)');
    const start = ROUTER.indexOf('async (req, res)');
    const oldEnd = ROUTER.indexOf(');\nrouter.post');
    expect(region).toMatchObject({ start, oldEnd, newEnd: oldEnd + 1 });
    expect(edited.slice(region!.start, region!.newEnd)).toMatch(/^async \(req, res\) => \{[\s\S]*helper\(12\)[\s\S]*\}$/);
    // Functions outside the region keep their ids (ids are positions in the facts' list).
    const facts = extractFile('src/r.ts', ROUTER);
    const outside = facts.functions.filter((f) => f.span.end < start || f.span.start > oldEnd);
    expect(outside.length).toBe(2);
    for (const f of outside) expect(region!.functionIds.get(f.id)).toBe(f.id);
  });

  it('maps the ids of later functions when the edit adds one', () => {
    const { edited, region } = regionFor(ROUTER, "router.get('/a'", 'helper(1)', '[1].map((x) => helper(x))[0]');
    expect(region).toBeDefined();
    const before = extractFile('src/r.ts', ROUTER);
    const after = extractFile('src/r.ts', edited);
    const post = (facts: typeof before, text: string) => facts.functions.find((f) => f.span.start === text.indexOf('(req, res) => {\n  res.json({ ok'))!;
    expect(region!.functionIds.get(post(before, ROUTER).id)).toBe(post(after, edited).id);
    expect(post(after, edited).id).toBe(post(before, ROUTER).id + 1);
  });

  it('is not given for an edit in a named function, at the top level, or in a callback handed to anything but a registration', () => {
    expect(regionFor(ROUTER, 'function helper', 'x + 1', 'x + 2').region).toBeUndefined();
    expect(regionFor(ROUTER, 'const router', 'Router()', 'Router({})').region).toBeUndefined();
    const decorated = "fastify.decorate('authenticate', async (request, reply) => {\n  await request.jwtVerify();\n});\n";
    expect(regionFor(decorated, 'decorate', 'jwtVerify', 'jwtVerif').region).toBeUndefined();
  });

  it('is the registration statement holding an edit outside its callbacks', () => {
    const { region } = regionFor(ROUTER, "router.post('/b'", "'/b', ", "'/b', requireAuth, ");
    const start = ROUTER.indexOf("router.post('/b'");
    const oldEnd = ROUTER.indexOf(';\nexport default');
    expect(region).toMatchObject({ start, oldEnd, newEnd: oldEnd + 'requireAuth, '.length });
  });

  it('is not given when the edit leaves a syntax error', () => {
    expect(regionFor(ROUTER, "router.get('/a'", 'helper(1);', 'helper(1;').region).toBeUndefined();
  });
});

function route(key: string, file: string, start: number, chain: Middleware[] = []): Route {
  return {
    key,
    framework: 'express',
    method: 'GET',
    path: key,
    registration: { file, span: { start, end: start + 10 } },
    handler: { file, span: { start: start + 5, end: start + 9 } },
    handlerFn: undefined,
    chain,
    handlerFacts: { inputs: [], bodyFields: [], authCheck: undefined, roleCheck: undefined, validation: undefined, rateLimit: undefined, credentialOps: [] },
    chainInsertion: undefined,
    mounts: [],
    certainty: 'resolved',
    notes: [],
  };
}

function guard(name: string, file: string): Middleware {
  return { name, roles: ['auth'], roleSource: 'library', args: [], at: { file, span: { start: 0, end: 5 } }, definition: { file: 'src/auth.ts', span: { start: 0, end: 50 } }, scope: 'route' };
}

const model = (routes: Route[]): RouteModel => ({ routes: [...routes].sort(compareRoutes), apps: [], problems: [] });

describe('RouteIndex', () => {
  it('carries its lookups and facets from model to model, as a fresh index of the new model would answer', () => {
    const a1 = route('GET /a1', 'src/a.ts', 10, [guard('requireAuth', 'src/a.ts')]);
    const a2 = route('GET /a2', 'src/a.ts', 40, [guard('requireAuth', 'src/a.ts'), guard('requireAuth', 'src/a.ts')]);
    const b1 = route('GET /b1', 'src/b.ts', 10, [guard('apiKey', 'src/b.ts')]);
    const first = model([a1, a2, b1]);
    const guards = (r: Route) => r.chain.map((m) => m.name);
    const index = RouteIndex.of(first);
    const facet = index.facet('test:guards', guards);
    expect([facet.count('requireAuth'), facet.count('apiKey')]).toEqual([3, 1]);
    expect(facet.first('requireAuth')).toBe(a1);

    // a1 edited (a new object, same key and place), b1 gone, c1 added.
    const a1b = route('GET /a1', 'src/a.ts', 10, [guard('requireAuth', 'src/a.ts')]);
    const c1 = route('GET /c1', 'src/c.ts', 10, [guard('apiKey', 'src/c.ts')]);
    const second = model([a1b, a2, c1]);
    const diff = index.diff(second.routes);
    expect(new Set(diff.fresh)).toEqual(new Set([a1b, c1]));
    expect(new Set(diff.gone)).toEqual(new Set([a1, b1]));
    RouteIndex.carry(first, second, diff);
    const carried = RouteIndex.of(second);
    expect(carried).toBe(index);
    expect(carried.get('GET /a1')).toBe(a1b);
    expect(carried.get('GET /b1')).toBeUndefined();
    expect(new Set(carried.inFile('src/a.ts'))).toEqual(new Set([a1b, a2]));
    expect([...carried.inFile('src/b.ts')]).toEqual([]);
    expect(new Set(carried.withMiddlewareAppliedIn('src/c.ts'))).toEqual(new Set([c1]));
    expect(new Set(carried.usingMiddlewareFrom('src/auth.ts'))).toEqual(new Set([a1b, a2, c1]));
    const carriedFacet = carried.facet('test:guards', guards);
    expect([carriedFacet.count('requireAuth'), carriedFacet.count('apiKey')]).toEqual([3, 1]);
    expect(carriedFacet.first('requireAuth')).toBe(a1b);
    expect(carriedFacet.first('apiKey')).toBe(c1);

    // The first route leaves its group: the next one in model order takes its place.
    const third = model([a2, c1]);
    RouteIndex.carry(second, third, carried.diff(third.routes));
    expect(RouteIndex.of(third).facet('test:guards', guards).first('requireAuth')).toBe(a2);
    expect(RouteIndex.of(third).facet('test:guards', guards).count('requireAuth')).toBe(2);
  });
});
