// `node bench/fuzz.mjs`: the fuzz loop of test/fuzz at bench size. Prints progress and one summary
// line; exits 1 when an input crashed or hung (each failure is printed with how to replay it).
//   node bench/fuzz.mjs                      5,000 inputs from seed 1
//   node bench/fuzz.mjs --count 20000 --seed 100000 --budget 2000
//   node bench/fuzz.mjs --heavy              also the robustness suite's heavy variant (size cap lifted)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const count = Number(option('--count', '5000'));
const firstSeed = Number(option('--seed', '1'));
const budgetMs = Number(option('--budget', '5000'));

const outfile = path.join(os.tmpdir(), `rg-fuzz-${process.pid}.cjs`);
await build({
  entryPoints: [path.join(repo, 'test/fuzz/fuzz-run.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  logLevel: 'error',
  // The SARIF validator finds the schema next to its source file.
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(repo, 'test/helpers/sarif-validator.ts')).href) },
});
const { runFuzz, summaryLine, describeFailure } = createRequire(import.meta.url)(outfile);
fs.rmSync(outfile, { force: true });

let lastPrint = 0;
const summary = await runFuzz({
  count,
  firstSeed,
  budgetMs,
  fixturesDir: path.join(repo, 'test-fixtures'),
  onInput: (done, s) => {
    if (!process.stderr.isTTY || Date.now() - lastPrint < 500) return;
    lastPrint = Date.now();
    process.stderr.write(`\r${done}/${count} inputs, ${s.crashes.length} crashes, ${s.hangs.length} hangs, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  },
});
if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
for (const failure of [...summary.crashes, ...summary.hangs]) console.log(describeFailure(failure, (seed) => `node bench/fuzz.mjs --count 1 --seed ${seed}`));
console.log(summaryLine(summary, firstSeed));

let failed = summary.crashes.length + summary.hangs.length > 0;
if (args.includes('--heavy')) {
  const heavy = spawnSync('npx', ['vitest', 'run', 'test/robustness/hostile-files.test.ts'], { cwd: repo, stdio: 'inherit', env: { ...process.env, RG_ROBUSTNESS_HEAVY: '1' } });
  failed ||= heavy.status !== 0;
}
process.exitCode = failed ? 1 : 0;
