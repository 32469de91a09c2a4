/**
 * The language server as an editor sees it, over the real transport (stdio JSON-RPC to
 * dist/server.js): start-up on the demo app (initialize → first diagnostics), and didChange →
 * publishDiagnostics on the bench corpus, a 2,000-line route file (200 routes) in a 1,000-file
 * project. `npm run bench` bundles and runs it (bench/run.mjs); by hand, after `npm run build`:
 *   npx esbuild bench/lsp-latency.ts --bundle --platform=node --format=cjs --outfile=/tmp/rg-latency.cjs --log-level=warning
 *   RG_SERVER=$PWD/dist/server.js ROUTEGUARD_LOG_FILE=/tmp/rg-server.log node /tmp/rg-latency.cjs [samples]
 * (the log file gets the server-side split: extract, secret scan, link+rules, conversion+publish).
 * It prints one JSON object.
 * Two edits alternate: adding a guard to the first route of the big file (its missing-auth
 * finding goes, so diagnostics are published) and removing it again; plus a mount change in
 * app.ts (findings move to other files). Each sample waits for the publication carrying the new
 * document version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspClient, REPO } from '../test/lsp/lsp-client';
// @ts-expect-error -- plain ESM module without types
import { bigRouteFile, generateCorpus } from './generate.mjs';

const samples = Number(process.argv[2] ?? 20);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** initialize → the demo app's first diagnostics, in a fresh server each time (median of `runs`). */
async function demoStartup(runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const client = new LspClient();
    const started = performance.now();
    await client.initialize([path.join(process.env.RG_REPO ?? REPO, 'examples/ops-api')]);
    await client.analyzed(60_000);
    await client.until('diagnostics', () => client.publications.length > 0 || undefined, 60_000);
    times.push(performance.now() - started);
    await client.shutdown();
  }
  return quantile(times, 0.5);
}

async function main(): Promise<void> {
  const demoStartupMs = await demoStartup(3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-latency-'));
  generateCorpus(dir, 1000);
  const big = bigRouteFile(200) as string;
  fs.writeFileSync(path.join(dir, 'src/routes/big.ts'), big);
  const appFile = path.join(dir, 'src/app.ts');
  const app = fs.readFileSync(appFile, 'utf8').replace('export default app;', "import big from './routes/big';\napp.use('/api/big', big);\n\nexport default app;");
  fs.writeFileSync(appFile, app);

  const client = new LspClient();
  const started = performance.now();
  await client.initialize([dir]);
  await client.analyzed(600_000);
  const startup = performance.now() - started;
  const bigUri = client.open(path.join(dir, 'src/routes/big.ts'));
  const appUri = client.open(appFile);
  await client.until('idle after open', () => client.statuses.at(-1)?.state === 'idle', 60_000);
  await client.waitDiagnostics(bigUri, (d) => d.some((x) => x.code === 'missing-auth'), 'big.ts diagnostics', undefined, 60_000);

  const guarded = big.replace("router.post('/big0', async", "router.post('/big0', requireAuth, async");
  const edit: number[] = [];
  const mount: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const version = client.change(bigUri, i % 2 === 0 ? guarded : big);
    await client.until('publication', () => { const p = client.diagnostics.get(bigUri); return p?.version === version ? p : undefined; }, 60_000);
    edit.push(performance.now() - t0);
    // A quiet moment, so the next edit is not debounced as part of a burst.
    await new Promise((r) => setTimeout(r, 350));
    const t1 = performance.now();
    const before = client.publications.length;
    const appVersion = client.change(appUri, i % 2 === 0 ? app.replace("app.use('/api/big'", "app.use('/api/big2'") : app);
    await client.until('mount publication', () => client.publications.length > before && client.publications.slice(before).some((p) => p.uri === bigUri || p.version === appVersion), 60_000);
    mount.push(performance.now() - t1);
    await new Promise((r) => setTimeout(r, 350));
  }
  console.log(JSON.stringify({
    corpus: { files: 1001, bigFileLines: big.split('\n').length, bigFileRoutes: 200 },
    demoStartupMs: Math.round(demoStartupMs),
    startupMs: Math.round(startup),
    samples,
    didChangeToPublishMs: { median: Math.round(quantile(edit, 0.5)), p90: Math.round(quantile(edit, 0.9)) },
    mountChangeToPublishMs: { median: Math.round(quantile(mount, 0.5)), p90: Math.round(quantile(mount, 0.9)) },
  }, null, 2));
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
