// In-process editor latency: what the language server does on each edit (re-extract the changed
// file from its buffer text, re-link the route model from cached facts, re-run the rules),
// without the JSON-RPC transport. Bundled by bench/editor-latency.mjs with esbuild.
import { DEFAULT_CONFIG } from '../analyzer/config/types';
import { ProjectSession } from '../analyzer/session';

/** The language server's Node options: the measurement runs in a process started with them. */
export { SERVER_NODE_OPTIONS } from '../server/node-options';

export interface LatencySamples {
  char: number[];
  mount: number[];
  /** Per one-character edit: re-extracting the file, then the run's phases (AnalysisResult.stats.phases). */
  charSplit: { extraction: number[]; discovery: number[]; scope: number[]; rules: number[]; finish: number[] };
}

export function measureEditorLatency(root: string, bigFile: string, samples: number): LatencySamples {
  const session = new ProjectSession({ root, config: DEFAULT_CONFIG });
  session.loadAll();
  session.run();
  const big = session.getText(bigFile)!;
  const app = session.getText('src/app.ts')!;
  const char: number[] = [];
  const mount: number[] = [];
  const charSplit: LatencySamples['charSplit'] = { extraction: [], discovery: [], scope: [], rules: [], finish: [] };
  for (let i = 0; i < samples; i++) {
    // A one-character edit inside a handler of the big route file.
    const at = big.indexOf("'failed'") + 2;
    const edited = `${big.slice(0, at)}${String.fromCharCode(97 + (i % 26))}${big.slice(at + 1)}`;
    let started = performance.now();
    session.setSource(bigFile, edited);
    const extracted = performance.now();
    const { phases } = session.run().stats;
    char.push(performance.now() - started);
    charSplit.extraction.push(extracted - started);
    if (phases) for (const phase of ['discovery', 'scope', 'rules', 'finish'] as const) charSplit[phase].push(phases[phase]);
    // A mount change in app.ts: the big router moves under another prefix.
    const moved = app.replace("app.use('/api/big'", `app.use('/api/big${i % 2}'`);
    started = performance.now();
    session.setSource('src/app.ts', moved);
    session.run();
    mount.push(performance.now() - started);
  }
  return { char, mount, charSplit };
}
