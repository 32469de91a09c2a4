// Editor latency figures: a 2,000-line route file with 200 routes in a 1,000-file project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { bigRouteFile, generateCorpus } from './generate.mjs';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

export async function editorLatency(dir, repo, samples = 40) {
  generateCorpus(dir, 1000);
  const bigText = bigRouteFile(200);
  fs.writeFileSync(path.join(dir, 'src/routes/big.ts'), bigText);
  const appFile = path.join(dir, 'src/app.ts');
  fs.writeFileSync(appFile, fs.readFileSync(appFile, 'utf8').replace('export default app;', "import big from './routes/big';\napp.use('/api/big', big);\n\nexport default app;"));
  const outfile = path.join(os.tmpdir(), `rg-editor-session-${process.pid}.cjs`);
  await build({ entryPoints: [path.join(repo, 'bench/editor-session.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
  // In a process started like the language server (server/node-options.ts).
  const { SERVER_NODE_OPTIONS } = createRequire(import.meta.url)(outfile);
  const script = `const { measureEditorLatency } = require(${JSON.stringify(outfile)}); console.log(JSON.stringify(measureEditorLatency(${JSON.stringify(dir)}, 'src/routes/big.ts', ${samples})));`;
  const child = spawnSync(process.execPath, [...SERVER_NODE_OPTIONS, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  fs.rmSync(outfile, { force: true });
  if (child.status !== 0) throw new Error(`editor latency failed: ${child.stderr.slice(0, 500)}`);
  const { char, mount, charSplit } = JSON.parse(child.stdout);
  return {
    via: 'in-process ProjectSession (no JSON-RPC transport), in a process with the server\'s Node options',
    lines: bigText.split('\n').length,
    routes: 200,
    projectFiles: 1001,
    samples,
    charMedian: quantile(char, 0.5),
    charP90: quantile(char, 0.9),
    mountMedian: quantile(mount, 0.5),
    mountP90: quantile(mount, 0.9),
    // Medians of each part of the one-character edit (they need not add up to the median edit).
    charSplit: Object.fromEntries(Object.entries(charSplit).map(([part, xs]) => [part, quantile(xs, 0.5)])),
  };
}
