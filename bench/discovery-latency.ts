// Re-discovery after an edit, per framework: what `buildRouteModel` costs over the session's cached
// facts and memo (analyzer/discovery/memo.ts) when one file changed. The corpus is the editor
// bench's (bench/editor-latency.mjs writes it: 1,000 files plus a 2,000-line src/routes/big.ts
// mounted in src/app.ts). Timings are per discoverer, wall time and the process's CPU time (less
// inflated when the machine is busy); min and median over the samples.
//
//   npx esbuild bench/discovery-latency.ts --bundle --platform=node --outfile=/tmp/rg-discovery.cjs
//   node /tmp/rg-discovery.cjs [/tmp/routeguard-bench/editor] [samples]
import { DEFAULT_CONFIG } from '../analyzer/config/types';
import type { ResolvedConfig } from '../analyzer/config/types';
import { buildRouteModel } from '../analyzer/discovery/discover';
import { discoverExpress } from '../analyzer/discovery/express/discover';
import { discoverFastify } from '../analyzer/discovery/fastify/discover';
import type { DiscoveryMemo } from '../analyzer/discovery/memo';
import { discoverNext } from '../analyzer/discovery/next/discover';
import { type PathAlias, ProjectIndex } from '../analyzer/discovery/project-index';
import type { FileFacts } from '../analyzer/model/ir';
import { ProjectSession } from '../analyzer/session';

const root = process.argv[2] ?? '/tmp/routeguard-bench/editor';
const samples = Number(process.argv[3] ?? 15);
const BIG = 'src/routes/big.ts';
const APP = 'src/app.ts';

/** The session's own inputs to discovery (what `run()` passes to `buildRouteModel`). */
interface SessionInternals {
  facts: Map<string, FileFacts>;
  aliases: PathAlias[];
  memo: DiscoveryMemo;
}

const session = new ProjectSession({ root, config: DEFAULT_CONFIG });
session.loadAll();
const internals = session as unknown as SessionInternals;
const big = session.getText(BIG);
const app = session.getText(APP);
if (big === undefined || app === undefined || !app.includes("app.use('/api/big', big)")) throw new Error(`${root} is not the editor corpus (see bench/editor-latency.mjs)`);
const guarded = big.replace("router.post('/big0', async", "router.post('/big0', requireAuth, async");

const DISCOVERERS: [string, (index: ProjectIndex, config: ResolvedConfig) => { routes: unknown[] }][] = [
  ['express', discoverExpress],
  ['fastify', discoverFastify],
  ['next', discoverNext],
];

type Figures = Record<string, { wall: number[]; cpu: number[] }>;

/** Each discoverer over one index, as `buildRouteModel` runs them. */
function discoverOnce(into: Figures): void {
  const index = new ProjectIndex(internals.facts, internals.aliases, internals.memo);
  for (const [name, discover] of DISCOVERERS) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    discover(index, session.config);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const f = (into[name] ??= { wall: [], cpu: [] });
    f.wall.push(wall);
    f.cpu.push((used.user + used.system) / 1000);
  }
}

/** A whole `buildRouteModel` (the discoverers, then merge, duplicate keys and sort). */
function buildOnce(into: Figures): void {
  const cpu = process.cpuUsage();
  const started = performance.now();
  buildRouteModel(internals.facts, session.config, internals.aliases, internals.memo);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const f = (into.buildRouteModel ??= { wall: [], cpu: [] });
  f.wall.push(wall);
  f.cpu.push((used.user + used.system) / 1000);
}

function report(label: string, figures: Figures): void {
  const min = (xs: number[]) => Math.min(...xs).toFixed(1);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
  const parts = Object.entries(figures).map(([name, f]) => `${name} ${min(f.wall)}/${median(f.wall)}${f.cpu.length ? ` (cpu ${min(f.cpu)}/${median(f.cpu)})` : ''}`);
  console.log(`${label.padEnd(28)} ${parts.join('  ')}  [ms, min/median]`);
}

const cold: Figures = {};
discoverOnce(cold);
report('cold (empty memo)', cold);
internals.memo.clear();
const coldWhole: Figures = {};
buildOnce(coldWhole);
report('cold buildRouteModel', coldWhole);

const EDITS: [string, (i: number) => void][] = [
  ['no change', () => undefined],
  [
    'char edited in big.ts',
    (i) => {
      const at = big.indexOf("'failed'") + 2;
      session.setSource(BIG, `${big.slice(0, at)}${String.fromCharCode(97 + (i % 26))}${big.slice(at + 1)}`);
    },
  ],
  // Lines of two lengths in turn: every offset below moves, the router's factory call included.
  ['line inserted atop big.ts', (i) => session.setSource(BIG, `//${'/'.repeat(i % 2)} edit\n${big}`)],
  // The LSP bench's edit (bench/lsp-latency.ts): a guard added to the first route, and removed.
  ['guard added/removed in big.ts', (i) => session.setSource(BIG, i % 2 ? big : guarded)],
  ['mount changed in app.ts', (i) => session.setSource(APP, app.replace("app.use('/api/big', big)", `app.use('/api/big${i % 2}', big)`))],
];
for (const [label, edit] of EDITS) {
  const figures: Figures = {};
  // Each sample is a new edit: the discoverers timed one by one, then (another edit) as a whole.
  for (let i = 0; i < samples; i++) {
    edit(2 * i);
    discoverOnce(figures);
    edit(2 * i + 1);
    buildOnce(figures);
  }
  session.setSource(BIG, big);
  session.setSource(APP, app);
  discoverOnce({});
  report(label, figures);
}
