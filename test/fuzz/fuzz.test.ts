/**
 * Fuzz test: mutants of the fixture apps (tokens deleted or duplicated, truncation, odd unicode,
 * stray brackets, swapped lines) must never make the analyzer throw, hang past the budget or emit
 * invalid SARIF. Deterministic: inputs come from seeds. CI runs RG_FUZZ_COUNT (default 200) inputs;
 * `node bench/fuzz.mjs` runs thousands. A failure prints how to replay it from its seed.
 *
 *   RG_FUZZ_COUNT=1000 npx vitest run test/fuzz      more inputs
 *   RG_FUZZ_SEED=4242 RG_FUZZ_COUNT=1 npx vitest run test/fuzz   one input again
 *   RG_FUZZ_BUDGET_MS=2000                            a tighter per-input budget
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli-harness';
import { describeFailure, runFuzz, summaryLine } from './fuzz-run';

const COUNT = Number(process.env.RG_FUZZ_COUNT ?? 200);
const FIRST_SEED = Number(process.env.RG_FUZZ_SEED ?? 1);
const BUDGET_MS = Number(process.env.RG_FUZZ_BUDGET_MS ?? 5_000);

describe('fuzz: mutated fixture apps', () => {
  it(`${COUNT} inputs from seed ${FIRST_SEED}: no crash, no hang past ${BUDGET_MS} ms, valid SARIF every time`, async () => {
    const summary = await runFuzz({ count: COUNT, firstSeed: FIRST_SEED, budgetMs: BUDGET_MS, fixturesDir: path.join(REPO, 'test-fixtures') });
    console.log(summaryLine(summary, FIRST_SEED));
    for (const failure of [...summary.crashes, ...summary.hangs]) console.log(describeFailure(failure));
    expect(summary.inputs).toBe(COUNT);
    expect(summary.crashes.map((f) => `seed ${f.seed}: ${f.reason.split('\n')[0]}`)).toEqual([]);
    expect(summary.hangs.map((f) => `seed ${f.seed}: ${f.reason}`)).toEqual([]);
  }, 600_000);
});
