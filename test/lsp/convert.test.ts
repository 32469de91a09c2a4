/** Unit tests of the server's pure conversions: positions, severities, workspace edits, route summaries. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../analyzer/config/types';
import type { Middleware, Route } from '../../analyzer/model/route-model';
import { normalizeEdits, toLspSeverity, toWorkspaceEdit, type EditTarget } from '../../server/convert';
import { LineIndex } from '../../server/positions';
import { routeFacts, routeSummary } from '../../server/route-facts';

describe('LineIndex', () => {
  it('counts characters in UTF-16 code units (an emoji is two)', () => {
    const text = "const a = '😀';\nrouter.get('/x', h);\n";
    const index = new LineIndex(text);
    const offset = text.indexOf("'/x'");
    expect(index.position(offset)).toEqual({ line: 1, character: 11 });
    const afterEmoji = text.indexOf("';");
    expect(index.position(afterEmoji)).toEqual({ line: 0, character: 13 });
    expect(index.offset({ line: 0, character: 13 })).toBe(afterEmoji);
  });

  it('handles CRLF and clamps positions past the end of a line or the file', () => {
    const text = 'a\r\nbc\r\n';
    const index = new LineIndex(text);
    expect(index.position(3)).toEqual({ line: 1, character: 0 });
    expect(index.offset({ line: 1, character: 99 })).toBe(5);
    expect(index.offset({ line: 9, character: 0 })).toBe(text.length);
    expect(index.position(999)).toEqual({ line: 2, character: 0 });
    expect(index.lineText(1)).toBe('bc');
    expect(index.eol()).toBe('\r\n');
  });
});

describe('severities', () => {
  it('maps critical/high → Error, medium → Warning, low → Information', () => {
    expect(['critical', 'high', 'medium', 'low'].map((s) => toLspSeverity(s as 'low'))).toEqual([1, 1, 2, 3]);
  });
});

describe('workspace edits', () => {
  const existing = (text: string) => (file: string): EditTarget => ({ uri: `file:///p/${file}`, version: 3, index: new LineIndex(text) });

  it('drops overlapping edits and repeated insertions, as the CLI applies them', () => {
    const edits = normalizeEdits([
      { file: 'a.ts', start: 5, end: 5, text: 'x' },
      { file: 'a.ts', start: 0, end: 4, text: 'y' },
      { file: 'a.ts', start: 2, end: 3, text: 'overlaps' },
      { file: 'a.ts', start: 5, end: 5, text: 'x' },
    ]);
    expect(edits.map((e) => e.text)).toEqual(['y', 'x']);
  });

  it('creates a missing file with CreateFile before its text when the client supports it', () => {
    const edit = toWorkspaceEdit(
      [
        { file: 'src/a.ts', start: 0, end: 3, text: 'process.env.KEY' },
        { file: '.env.example', start: 0, end: 0, text: 'KEY=\n', createIfMissing: true },
      ],
      (file) => (file === '.env.example' ? { uri: 'file:///p/.env.example', version: null, index: undefined } : existing('abc;\n')(file)),
      { documentChanges: true, createFiles: true },
    );
    expect(edit).toEqual({
      documentChanges: [
        { kind: 'create', uri: 'file:///p/.env.example', options: { ignoreIfExists: true } },
        { textDocument: { uri: 'file:///p/.env.example', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'KEY=\n' }] },
        { textDocument: { uri: 'file:///p/src/a.ts', version: 3 }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'process.env.KEY' }] },
      ],
    });
  });

  it('falls back to `changes`, and gives up when a file must be created but cannot be', () => {
    const edits = [{ file: 'a.ts', start: 1, end: 2, text: 'Z' }];
    expect(toWorkspaceEdit(edits, existing('abc'), { documentChanges: false, createFiles: false })).toEqual({ changes: { 'file:///p/a.ts': [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'Z' }] } });
    const create = [{ file: 'n.txt', start: 0, end: 0, text: 'x', createIfMissing: true }];
    expect(toWorkspaceEdit(create, (f) => ({ uri: `file:///p/${f}`, version: null, index: undefined }), { documentChanges: true, createFiles: false })).toBeUndefined();
    expect(toWorkspaceEdit([{ file: 'gone.ts', start: 0, end: 1, text: '' }], (f) => ({ uri: `file:///p/${f}`, version: null, index: undefined }), { documentChanges: true, createFiles: true })).toBeUndefined();
  });
});

describe('route summaries', () => {
  const at = { file: 'r.ts', span: { start: 0, end: 1 } };
  const mw = (name: string, roles: Middleware['roles'], args: string[] = []): Middleware => ({ name, roles, roleSource: 'library', args, at, definition: undefined, scope: 'route' });
  const route = (method: Route['method'], path: string, chain: Middleware[], extra: Partial<Route['handlerFacts']> = {}, certainty: Route['certainty'] = 'resolved'): Route => ({
    key: `${method} ${path}`,
    framework: 'express',
    method,
    path,
    registration: at,
    handler: at,
    handlerFn: undefined,
    chain,
    handlerFacts: { inputs: [], bodyFields: [], authCheck: undefined, roleCheck: undefined, validation: undefined, rateLimit: undefined, credentialOps: [], ...extra },
    chainInsertion: undefined,
    mounts: [],
    certainty,
    notes: [],
  });
  const summary = (r: Route) => routeSummary(r, routeFacts(r, DEFAULT_CONFIG));

  it('names the guard, the roles, validation and rate limit', () => {
    expect(summary(route('POST', '/admin/users', [mw('requireAuth', ['auth']), mw("requireRole('admin')", ['auth', 'role-check'], ['admin']), mw('validate(schema)', ['validation']), mw('limiter', ['rate-limit'])]))).toBe(
      '🔒 requireAuth · admin · validated · rate-limited',
    );
    expect(summary(route('DELETE', '/users/:id', [mw("requireRole('admin')", ['auth', 'role-check'], ['admin'])]))).toBe('🔒 requireRole · admin');
  });

  it('says public, and whether that is by design, and whether input is validated', () => {
    expect(summary(route('POST', '/orders', []))).toBe('⚠ public · unvalidated');
    expect(summary(route('GET', '/orders', []))).toBe('⚠ public');
    expect(summary(route('POST', '/auth/login', [mw('loginLimiter', ['rate-limit'])]))).toBe('🔓 public by design · unvalidated · rate-limited');
    expect(summary(route('GET', '/me', [], { authCheck: at }, 'partial'))).toBe('🔒 in handler · partly resolved');
  });

  it('never shows the arguments of non-role middleware (they may be credentials)', () => {
    const r = route('GET', '/metrics', [mw("basicAuth('ops', 'hunter22')", ['auth'], ['ops', 'hunter22'])]);
    expect(summary(r)).toBe('🔒 basicAuth');
    expect(JSON.stringify(routeFacts(r, DEFAULT_CONFIG))).not.toContain('hunter22');
  });
});
