/**
 * Reports at a scale no real project reaches but a generated one can: 150,000 findings in one
 * file, 150,000 problems, 60,000 routes. Every format must render (a spread of that many lines
 * into push() overflows the stack), and SARIF must hold every result.
 */
import { describe, expect, it } from 'vitest';
import pc from 'picocolors';
import { formatJson } from '../../analyzer/reporters/json';
import { formatRoutes, ROUTE_FORMATS } from '../../analyzer/reporters/routes-table';
import { formatSarif } from '../../analyzer/reporters/sarif';
import { formatText } from '../../analyzer/reporters/text';
import type { Finding } from '../../analyzer/model/finding';
import type { Problem, Route } from '../../analyzer/model/route-model';
import { fakeResult, fakeRule, finding, route } from '../helpers/fake-result';

/** Above the ~120,000 arguments a spread into push() takes on Node 20's default stack. */
const FINDINGS = 150_000;
const LINE = "app.post('/r', (req, res) => res.send(req.body));\n";

describe('reports at scale', () => {
  const text = LINE.repeat(1_000);
  const at = (i: number) => ({ file: 'src/gen.ts', span: { start: (i % 1_000) * LINE.length, end: (i % 1_000) * LINE.length + 8 } });
  const findings: Finding[] = Array.from({ length: FINDINGS }, (_, i) => finding('missing-auth', i % 2 ? 'high' : 'low', at(i), { fingerprint: `f${i}` }));
  const problems: Problem[] = Array.from({ length: FINDINGS }, (_, i) => ({ file: 'src/gen.ts', span: at(i).span, kind: 'parse', message: `problem ${i}` }));
  const routes: Route[] = Array.from({ length: 60_000 }, (_, i) => route('POST', `/r${i}`, at(i)));
  const result = fakeResult({ files: { 'src/gen.ts': text }, findings, problems, routes, rules: [fakeRule('missing-auth')] });

  it('text (default and --verbose) and every route format render', () => {
    const outputs = [formatText(result, { colors: pc.createColors(false) }), formatText(result, { colors: pc.createColors(false), verbose: true }), ...ROUTE_FORMATS.map((f) => formatRoutes(result, f))];
    for (const out of outputs) expect(out.length).toBeGreaterThan(0);
  });

  it('JSON and SARIF (built with map, no spreads) hold every result', () => {
    // A tenth of the findings: these formats have no spread to overflow, only size.
    const smaller = fakeResult({ files: { 'src/gen.ts': text }, findings: findings.slice(0, FINDINGS / 10), problems: problems.slice(0, FINDINGS / 10), routes, rules: [fakeRule('missing-auth')] });
    expect(JSON.parse(formatSarif(smaller)).runs[0].results).toHaveLength(FINDINGS / 10);
    expect(JSON.parse(formatJson(smaller)).problems).toHaveLength(FINDINGS / 10);
  });
});
