/**
 * Per-edit cost of `extractFile` on the editor bench's 2,000-line route file (200 routes), which
 * the language server re-extracts on every keystroke.
 *   npx esbuild bench/extract-latency.ts --bundle --platform=node --outfile=/tmp/extract-latency.cjs
 *   node --expose-gc /tmp/extract-latency.cjs [file] [--samples 400] [--profile /tmp/extract.cpuprofile]
 * Each sample extracts a text with a one-character edit (as the editor bench does), so nothing can
 * be served from a cache keyed by text. Reports the median and p90 of extractFile, of the parse
 * alone (parseSource: createSourceFile + parent pointers) and of createSourceFile alone, and,
 * with --expose-gc, the bytes one extraction allocates (heap growth with no collection between).
 * `incremental` is the language server's path (extract/incremental-parse.ts): each sample is the
 * previous sample's text with that one character changed, parsed by updating the kept tree. The
 * time spent in garbage collection during each series is reported beside it.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector';
import ts from 'typescript';
import { PerformanceObserver } from 'node:perf_hooks';
import { extractFile, parseSource } from '../analyzer/extract/extract-file';
import { SyntaxTreeCache } from '../analyzer/extract/incremental-parse';
// @ts-expect-error: plain ESM helper without types
import { bigRouteFile } from './generate.mjs';

const DEFAULT_FILE = '/tmp/routeguard-bench/editor/src/routes/big.ts';

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const samples = Number(option('--samples') ?? 400);
  const profile = option('--profile');
  const file = args[0] ?? DEFAULT_FILE;
  const base = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : (bigRouteFile(200) as string);
  const at = base.indexOf("'failed'") + 2;
  const edited = (i: number): string => `${base.slice(0, at)}${String.fromCharCode(97 + (i % 26))}${base.slice(at + 1)}`;
  const texts = Array.from({ length: 26 }, (_, i) => edited(i));

  // Garbage collection while a series runs (scavenges and mark-sweeps alike), by series: entries
  // arrive later, and are attributed by when they started.
  const windows: { label: string; start: number; end: number }[] = [];
  const gcEntries: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcEntries.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const gcTime: Record<string, { ms: number; count: number }> = {};
  const time = (label: string, f: (text: string, i: number) => unknown): number[] => {
    for (let i = 0; i < 100; i++) f(texts[i % 26]!, i);
    const out: number[] = [];
    const start = performance.now();
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      f(texts[i % 26]!, i);
      out.push(performance.now() - t);
    }
    windows.push({ label, start, end: performance.now() });
    return out;
  };
  const report = (label: string, xs: number[]): void => {
    const gcSlot = gcTime[label];
    const gcText = gcSlot ? `  GC ${(gcSlot.ms / xs.length).toFixed(2)} ms/call (${gcSlot.count} pauses)` : '';
    console.log(`${label.padEnd(18)} median ${quantile(xs, 0.5).toFixed(2)} ms  p90 ${quantile(xs, 0.9).toFixed(2)} ms  min ${quantile(xs, 0).toFixed(2)} ms${gcText}`);
  };

  console.log(`${file}: ${base.split('\n').length} lines, ${samples} samples`);
  const create = (text: string): ts.SourceFile =>
    ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  // Interleave the rounds so that a noisy neighbour skews all three alike.
  const rounds = { extractFile: [] as number[], incremental: [] as number[], parseSource: [] as number[], createSourceFile: [] as number[] };
  const trees = new SyntaxTreeCache(2);
  // The text the cache last extracted: texts[i % 26] follows texts[(i - 1) % 26], one character apart.
  let last: string | undefined;
  const incremental = (text: string): unknown => {
    const facts = trees.extract(file, text, last);
    last = text;
    return facts;
  };
  for (let r = 0; r < 3; r++) {
    rounds.extractFile.push(...time('extractFile', (text) => extractFile(file, text)));
    rounds.incremental.push(...time('incremental', incremental));
    rounds.parseSource.push(...time('parseSource', (text) => parseSource(file, text)));
    rounds.createSourceFile.push(...time('createSourceFile', create));
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // GC entries are delivered asynchronously
  observer.disconnect();
  for (const entry of gcEntries) {
    const window = windows.find((w) => entry.start >= w.start && entry.start <= w.end);
    if (!window) continue;
    const slot = (gcTime[window.label] ??= { ms: 0, count: 0 });
    slot.ms += entry.duration;
    slot.count++;
  }
  report('extractFile', rounds.extractFile);
  report('incremental', rounds.incremental);
  report('parseSource', rounds.parseSource);
  report('createSourceFile', rounds.createSourceFile);
  console.log(`incremental path: ${trees.stats.incremental} updates, ${trees.stats.full} full parses, ${trees.stats.rejected + trees.stats.failed} fallbacks`);

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const allocated = (f: () => unknown): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      f();
      return process.memoryUsage().heapUsed - before;
    };
    const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;
    // (Not the incremental path: its heap growth also counts what TypeScript's update leaves of the
    // old tree; the GC time per series above is the measure of its allocation.)
    console.log(`allocated per call: extractFile ${mb(allocated(() => extractFile(file, texts[0]!)))}, parseSource ${mb(allocated(() => parseSource(file, texts[1]!)))}`);
  }

  if (profile) {
    const session = new Session();
    session.connect();
    const post = <T>(method: string, params?: object): T => {
      let result: T | undefined;
      session.post(method, params, (error, value) => {
        if (error) throw error;
        result = value as T;
      });
      return result!;
    };
    post('Profiler.enable');
    post('Profiler.setSamplingInterval', { interval: 50 });
    post('Profiler.start');
    for (let i = 0; i < 2000; i++) extractFile(file, texts[i % 26]!);
    const { profile: data } = post<{ profile: object }>('Profiler.stop');
    fs.writeFileSync(profile, JSON.stringify(data));
    console.log(`profile written to ${profile}`);
  }
}

void main();
