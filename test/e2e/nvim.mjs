// Neovim end-to-end test: a real third-party LSP client (headless Neovim) drives dist/server.js on
// a temp copy of test/e2e/app. Needs `nvim` (test/e2e/setup.sh installs it). Exit code 0 = pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const server = path.join(repo, 'dist/server.js');
if (!fs.existsSync(server)) {
  console.error('dist/server.js is missing: run `npm run build` first');
  process.exit(1);
}
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (nvim.status !== 0) {
  console.error('nvim is not installed: run test/e2e/setup.sh');
  process.exit(1);
}
console.log(nvim.stdout.split('\n')[0]);

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-nvim-')));
const root = path.join(tmp, 'app');
fs.cpSync(path.join(here, 'app'), root, { recursive: true });
const file = path.join(root, 'src/routes/orders.js');
// Neovim writes swap/shada/state files under XDG dirs: keep them in the temp folder.
const env = { ...process.env, RG_SERVER: server, RG_FILE: file, RG_ROOT: root, XDG_STATE_HOME: path.join(tmp, 'state'), XDG_DATA_HOME: path.join(tmp, 'data'), XDG_CACHE_HOME: path.join(tmp, 'cache') };
const started = Date.now();
const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-n', '-S', path.join(here, 'nvim/lsp-e2e.lua')], { env, encoding: 'utf8', timeout: 120_000 });
process.stdout.write(run.stdout);
if (run.stderr) process.stderr.write(run.stderr.endsWith('\n') ? run.stderr : `${run.stderr}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
const passed = run.status === 0 && run.stdout.includes('PASS');
console.log(`nvim e2e: ${passed ? 'PASS' : `FAIL (exit ${run.status}${run.signal ? `, ${run.signal}` : ''})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(passed ? 0 : 1);
