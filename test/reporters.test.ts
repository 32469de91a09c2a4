import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatText } from '../analyzer/reporters/text';
import { formatJson, toJsonReport } from '../analyzer/reporters/json';
import { formatRoutes, csvField } from '../analyzer/reporters/routes-table';
import { buildAccessMatrix } from '../analyzer/reporters/access-matrix';
import { createLocator } from '../analyzer/reporters/locate';
import type { ToolInfo } from '../analyzer/reporters/tool';
import { fakeResult, finding, locate } from './helpers/fake-result';
import { APP, APP_FILE, sampleResult } from './helpers/sample-result';

const TOOL: ToolInfo = { name: 'RouteGuard', version: '9.9.9', informationUri: 'https://github.com/routeguard/routeguard' };
const plain = pc.createColors(false);
const SECRETS = ['AKIAIOSFODNN7EXAMPLE', 'hunter2-super-secret'];

describe('locate', () => {
  it('converts offsets to 1-based lines and columns, with an exclusive end column', () => {
    const locator = createLocator(sampleResult());
    expect(locator.range(locate(APP_FILE, APP, 'express()'))).toEqual({ startLine: 3, startColumn: 13, endLine: 3, endColumn: 22 });
  });

  it('computes line starts for text files without facts, and for unknown files', () => {
    const locator = createLocator(fakeResult({ textFiles: { '.env': 'A=1\nB=2\n' } }));
    expect(locator.position('.env', 5)).toEqual({ line: 2, column: 2 });
    expect(locator.position('missing.txt', 0)).toEqual({ line: 1, column: 1 });
  });

  it('handles CRLF line endings', () => {
    const locator = createLocator(fakeResult({ textFiles: { 'a.ts': 'x\r\ny\r\n' } }));
    expect(locator.position('a.ts', 3)).toEqual({ line: 2, column: 1 });
  });
});

describe('text reporter', () => {
  const text = formatText(sampleResult(), { colors: plain });

  it('groups findings by file with aligned line:col, severity, message and rule id', () => {
    expect(text).toContain(
      [
        'src/app.ts',
        '  3:13  low       The app does not set security headers (helmet).                                  missing-security-headers',
        '  4:17  critical  AWS access key AKIA************MPLE is hardcoded; read it from the environment.  hardcoded-secret',
        '  6:1   high      POST /login accepts credentials with no rate limit.                              missing-rate-limit',
        '  6:1   medium    POST /login reads req.body without validation.                                   unvalidated-input',
        '',
        'src/routes/items.ts',
        '  3:1  medium  PUT /items/[id] checks the user only inside the handler.  missing-auth',
      ].join('\n'),
    );
  });

  it('leaves suppressed findings out and counts them', () => {
    expect(text).not.toContain('.env');
    expect(text).not.toContain('GET /reports');
    expect(text).toContain('5 findings: 1 critical, 1 high, 2 medium, 1 low (2 suppressed)');
  });

  it('orders the fix list by severity, then access control and secrets first', () => {
    const list = text.slice(text.indexOf('Fix first:'), text.indexOf('Problems'));
    const order = [...list.matchAll(/^\s+\d+\.\s+(\w+)\s+([\w-]+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual([
      'critical hardcoded-secret',
      'high missing-rate-limit',
      'medium missing-auth',
      'medium unvalidated-input',
      'low missing-security-headers',
    ]);
  });

  it('lists problems with their place', () => {
    expect(text).toContain('Problems (3):\n  project: Stopped after 50000 files. (limit)\n');
    expect(text).toContain("  src/app.ts: Cannot resolve './auth'. (unresolved-import)\n");
    expect(text).toContain('  src/broken.ts:1:7: Variable declaration expected. (parse-error)\n');
  });

  it('shows only the first problems unless verbose', () => {
    const problems = Array.from({ length: 8 }, (_, i) => ({ file: `f${i}.ts`, span: undefined, kind: 'parse-error', message: `bad ${i}` }));
    const short = formatText(fakeResult({ problems }), { colors: plain });
    expect(short).toContain('Problems (8):');
    expect(short).not.toContain('bad 7');
    expect(short).toContain('… and 3 more (--verbose lists all)');
    expect(formatText(fakeResult({ problems }), { colors: plain, verbose: true })).toContain('f7.ts: bad 7');
  });

  it('says so when there is nothing to report', () => {
    expect(formatText(fakeResult(), { colors: plain })).toBe('No findings.\n\nAnalyzed 0 source files and 0 routes.\n');
  });

  it('keeps each finding on one line and escapes control characters', () => {
    const out = formatText(
      fakeResult({
        files: { [APP_FILE]: APP },
        findings: [finding('x', 'high', locate(APP_FILE, APP, 'express()'), { message: 'a\nb \u001b[2Jc' })],
      }),
      { colors: plain },
    );
    expect(out).toContain('a b \\u001b[2Jc');
    expect(out).not.toContain('\u001b');
  });

  it('uses colours only when asked', () => {
    expect(text).not.toContain('\u001b[');
    expect(formatText(sampleResult(), { colors: pc.createColors(true) })).toContain('\u001b[');
  });

  it('is deterministic and independent of the input order', () => {
    const shuffled = sampleResult();
    shuffled.findings.reverse();
    shuffled.problems.reverse();
    expect(formatText(shuffled, { colors: plain })).toBe(text);
  });

  it('never prints a secret', () => {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('JSON reporter', () => {
  const report = toJsonReport(sampleResult(), TOOL);

  it('has the documented top level', () => {
    expect(Object.keys(report)).toEqual(['version', 'tool', 'root', 'summary', 'findings', 'problems', 'routes']);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'RouteGuard', version: '9.9.9' });
    expect(report.root).toBe('.');
    expect(report.routes).toBe(6);
    expect(report.summary).toEqual({ critical: 1, high: 1, medium: 2, low: 1, suppressed: 2, problems: 3 });
  });

  it('describes a finding with positions, fix edits and related locations', () => {
    const secret = report.findings.find((f) => f.fingerprint === 'hardcoded-secret:3b1f')!;
    expect(secret).toEqual({
      ruleId: 'hardcoded-secret',
      severity: 'critical',
      message: 'AWS access key AKIA************MPLE is hardcoded; read it from the environment.',
      file: 'src/app.ts',
      line: 4,
      column: 17,
      endLine: 4,
      endColumn: 39,
      fingerprint: 'hardcoded-secret:3b1f',
      routeKey: null,
      related: [],
      fix: {
        title: 'Read AWS_KEY from process.env',
        kind: 'safe',
        edits: [
          { file: 'src/app.ts', line: 4, column: 17, endLine: 4, endColumn: 39, start: 121, end: 143, text: 'process.env.AWS_KEY' },
          { file: '.env.example', line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0, text: 'AWS_KEY=\n', createIfMissing: true },
        ],
      },
    });
    const rate = report.findings.find((f) => f.ruleId === 'missing-rate-limit')!;
    expect(rate.routeKey).toBe('POST /login');
    expect(rate.related).toEqual([{ message: 'app created here', file: 'src/app.ts', line: 3, column: 13, endLine: 3, endColumn: 22 }]);
  });

  it('includes suppressed findings, marked', () => {
    expect(report.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed])).toEqual([
      ['hardcoded-secret', { kind: 'baseline', reason: 'accepted in baseline 2024-05-01' }],
      ['missing-auth', { kind: 'inline', reason: 'public dashboard' }],
    ]);
    expect(report.findings.filter((f) => !f.suppressed).every((f) => !('suppressed' in f))).toBe(true);
  });

  it('sorts findings by file and position, and problems by file', () => {
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      '.env:1:13:hardcoded-secret',
      'src/app.ts:3:13:missing-security-headers',
      'src/app.ts:4:17:hardcoded-secret',
      'src/app.ts:6:1:missing-rate-limit',
      'src/app.ts:6:1:unvalidated-input',
      'src/app.ts:8:1:missing-auth',
      'src/routes/items.ts:3:1:missing-auth',
    ]);
    expect(report.problems).toEqual([
      { file: null, line: null, column: null, kind: 'limit', message: 'Stopped after 50000 files.' },
      { file: 'src/app.ts', line: null, column: null, kind: 'unresolved-import', message: "Cannot resolve './auth'." },
      { file: 'src/broken.ts', line: 1, column: 7, kind: 'parse-error', message: 'Variable declaration expected.' },
    ]);
  });

  it('is deterministic, valid JSON and never contains an absolute path or a secret', () => {
    const text = formatJson(sampleResult(), TOOL);
    const shuffled = sampleResult();
    shuffled.findings.reverse();
    expect(formatJson(shuffled, TOOL)).toBe(text);
    expect(JSON.parse(text)).toEqual(report);
    expect(text).not.toContain('/abs/project');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('routes reporter (access matrix)', () => {
  it('derives auth, roles, validation and rate limit per route, sorted by path then method', () => {
    const rows = buildAccessMatrix(sampleResult());
    expect(rows.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /a,b "quoted"', 'GET /health', 'PUT /items/[id]', 'POST /login', 'GET /reports', 'DELETE /users/:id']);
    const del = rows.find((r) => r.method === 'DELETE')!;
    expect(del.auth).toEqual({ middleware: ['requireAuth'], inHandler: false });
    expect(del.roles).toEqual({ middleware: ['requireRole(admin)'], inHandler: false });
    const put = rows.find((r) => r.method === 'PUT')!;
    expect(put.auth).toEqual({ middleware: [], inHandler: true });
    expect(put.validation.middleware).toEqual(['validate(itemSchema)']);
    expect(put.rateLimit.middleware).toEqual(['rateLimit']);
    expect(put).toMatchObject({ file: 'src/routes/items.ts', line: 3, column: 1 });
  });

  it('prints an aligned table', () => {
    expect(formatRoutes(sampleResult(), 'table', TOOL)).toBe(
      [
        'METHOD  PATH           LOCATION               AUTH         ROLES               VALIDATION                 RATE LIMIT  FRAMEWORK  CERTAINTY',
        'GET     /a,b "quoted"  src/app.ts:5           public       none                no                         none        express    resolved',
        'GET     /health        src/app.ts:5           public       none                no                         none        express    resolved',
        'PUT     /items/[id]    src/routes/items.ts:3  in handler   none                yes: validate(itemSchema)  rateLimit   express    resolved',
        'POST    /login         src/app.ts:6           public       none                no                         none        express    resolved',
        'GET     /reports       src/app.ts:8           requireAuth  none                no                         none        express    partial',
        'DELETE  /users/:id     src/app.ts:7           requireAuth  requireRole(admin)  no                         none        express    resolved',
        '',
      ].join('\n'),
    );
    expect(formatRoutes(fakeResult(), 'table', TOOL)).toBe('No routes found.\n');
  });

  it('prints Markdown with escaped cells', () => {
    const md = formatRoutes(sampleResult(), 'md', TOOL).split('\n');
    expect(md[0]).toBe('| method | path | location | auth | roles | validation | rate limit | framework | certainty |');
    expect(md[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(md).toContain('| PUT | /items/\\[id\\] | src/routes/items.ts:3 | in handler | none | yes: validate(itemSchema) | rateLimit | express | resolved |');
  });

  it('prints RFC 4180 CSV', () => {
    const csv = formatRoutes(sampleResult(), 'csv', TOOL);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('method,path,location,auth,roles,validation,rate limit,framework,certainty');
    expect(lines[1]).toBe('GET,"/a,b ""quoted""",src/app.ts:5,public,none,no,none,express,resolved');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('plain')).toBe('plain');
  });

  it('prints JSON with structured controls', () => {
    const json = JSON.parse(formatRoutes(sampleResult(), 'json', TOOL));
    expect(json.version).toBe(1);
    expect(json.root).toBe('.');
    expect(json.routes).toHaveLength(6);
    expect(json.routes[5]).toMatchObject({ method: 'DELETE', path: '/users/:id', roles: { middleware: ['requireRole(admin)'], inHandler: false } });
  });

  it('is deterministic regardless of the route order', () => {
    const shuffled = sampleResult();
    shuffled.model.routes.reverse();
    for (const format of ['table', 'md', 'json', 'csv'] as const) {
      expect(formatRoutes(shuffled, format, TOOL)).toBe(formatRoutes(sampleResult(), format, TOOL));
    }
  });
});
