/** One small but complete AnalysisResult that exercises every reporter feature. */
import type { AnalysisResult } from '../../analyzer/engine/result';
import { fakeResult, fakeRule, finding, locate, middleware, route } from './fake-result';

export const APP = [
  "import express from 'express';",
  "import { requireAuth, requireRole } from './auth';",
  'const app = express();',
  "const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';",
  "app.get('/health', (req, res) => res.send('ok'));",
  "app.post('/login', (req, res) => login(req.body));",
  "app.delete('/users/:id', requireAuth, requireRole('admin'), deleteUser);",
  "app.get('/reports', requireAuth, (req, res) => res.json(report(req.query)));",
  '',
].join('\n');

export const ROUTES = [
  "import { Router } from 'express';",
  'export const router = Router();',
  "router.put('/items/[id]', validate(itemSchema), rateLimit({ max: 5 }), (req, res) => { if (!req.user) return res.sendStatus(401); save(req.body); });",
  '',
].join('\n');

export const ENV = 'DB_PASSWORD=hunter2-super-secret\n';

export const APP_FILE = 'src/app.ts';
export const ROUTES_FILE = 'src/routes/items.ts';

export function sampleResult(): AnalysisResult {
  const a = (snippet: string, nth = 0) => locate(APP_FILE, APP, snippet, nth);
  const r = (snippet: string) => locate(ROUTES_FILE, ROUTES, snippet);
  return fakeResult({
    files: { [APP_FILE]: APP, [ROUTES_FILE]: ROUTES },
    textFiles: { '.env': ENV, 'src/broken.ts': 'const = ;\n' },
    rules: [
      fakeRule('missing-rate-limit', { severity: 'high', confidence: 'medium', cwe: ['CWE-307'], owaspApi: ['API4:2023'], fix: 'unsafe' }),
      fakeRule('hardcoded-secret', { severity: 'critical', confidence: 'high', cwe: ['CWE-798'], owaspApi: ['API8:2023'], fix: 'safe' }),
      fakeRule('missing-auth', { severity: 'high', confidence: 'high', cwe: ['CWE-306'], owaspApi: ['API2:2023', 'API5:2023'] }),
      fakeRule('unvalidated-input', { severity: 'medium', confidence: 'low', cwe: ['CWE-20'], owaspApi: ['API3:2023'] }),
      fakeRule('missing-security-headers', { severity: 'low', confidence: 'high', cwe: ['CWE-693'], owaspApi: ['API8:2023'] }),
    ],
    findings: [
      finding('hardcoded-secret', 'critical', a("'AKIAIOSFODNN7EXAMPLE'"), {
        message: 'AWS access key AKIA************MPLE is hardcoded; read it from the environment.',
        fingerprint: 'hardcoded-secret:3b1f',
        fix: {
          title: 'Read AWS_KEY from process.env',
          kind: 'safe',
          edits: [
            { file: APP_FILE, start: a("'AKIAIOSFODNN7EXAMPLE'").span.start, end: a("'AKIAIOSFODNN7EXAMPLE'").span.end, text: 'process.env.AWS_KEY' },
            { file: '.env.example', start: 0, end: 0, text: 'AWS_KEY=\n', createIfMissing: true },
          ],
        },
      }),
      finding('hardcoded-secret', 'critical', locate('.env', ENV, 'hunter2-super-secret'), {
        message: 'Database password hu**************et is committed in .env.',
        fingerprint: 'hardcoded-secret:9a0c',
        suppressed: { kind: 'baseline', reason: 'accepted in baseline 2024-05-01' },
      }),
      finding('missing-rate-limit', 'high', a("app.post('/login'"), {
        message: 'POST /login accepts credentials with no rate limit.',
        fingerprint: 'missing-rate-limit:POST /login',
        routeKey: 'POST /login',
        related: [{ message: 'app created here', location: a('express()') }],
      }),
      finding('missing-auth', 'high', a("app.get('/reports'"), {
        message: 'GET /reports has no authentication.\nAnyone can read reports.',
        fingerprint: 'missing-auth:GET /reports',
        routeKey: 'GET /reports',
        suppressed: { kind: 'inline', reason: 'public dashboard' },
      }),
      finding('unvalidated-input', 'medium', a("app.post('/login'"), {
        message: 'POST /login reads req.body without validation.',
        fingerprint: 'unvalidated-input:POST /login',
        routeKey: 'POST /login',
      }),
      finding('missing-auth', 'medium', r("router.put('/items/[id]'"), {
        message: 'PUT /items/[id] checks the user only inside the handler.',
        fingerprint: 'missing-auth:PUT /items/[id]',
        routeKey: 'PUT /items/[id]',
      }),
      finding('missing-security-headers', 'low', a('express()'), {
        message: 'The app does not set security headers (helmet).',
        fingerprint: 'missing-security-headers:app',
      }),
    ],
    problems: [
      { file: 'src/broken.ts', span: { start: 6, end: 7 }, kind: 'parse-error', message: 'Variable declaration expected.' },
      { file: undefined, span: undefined, kind: 'limit', message: 'Stopped after 50000 files.' },
      { file: 'src/app.ts', span: undefined, kind: 'unresolved-import', message: "Cannot resolve './auth'." },
    ],
    routes: [
      route('GET', '/health', a("app.get('/health'")),
      route('POST', '/login', a("app.post('/login'")),
      route('DELETE', '/users/:id', a("app.delete('/users/:id'"), {
        chain: [
          middleware('requireAuth', ['auth'], a('requireAuth', 1)),
          middleware("requireRole('admin')", ['role-check'], a("requireRole('admin')"), ['admin']),
        ],
      }),
      route('GET', '/reports', a("app.get('/reports'"), {
        chain: [middleware('requireAuth', ['auth'], a('requireAuth', 2))],
        certainty: 'partial',
        notes: ['handler not resolved'],
      }),
      route('PUT', '/items/[id]', r("router.put('/items/[id]'"), {
        framework: 'express',
        chain: [
          middleware('validate(itemSchema)', ['validation'], r('validate(itemSchema)')),
          middleware('rateLimit', ['rate-limit'], r('rateLimit({ max: 5 })')),
        ],
        handlerFacts: {
          inputs: ['body'],
          bodyFields: [],
          authCheck: r('if (!req.user) return res.sendStatus(401);'),
          roleCheck: undefined,
          validation: undefined,
          rateLimit: undefined,
          credentialOps: [],
        },
      }),
      route('GET', '/a,b "quoted"', a("app.get('/health'")),
    ],
  });
}
