// A real VS Code: code-server (VS Code 1.100.3 in the browser) driven with Debian's Chromium by
// playwright-core. Packages the extension (npm run package:vsix), installs the .vsix into a fresh
// code-server profile, opens a temp copy of examples/ops-api and checks, waiting on UI state only:
//   1. a RouteGuard diagnostic is listed in the Problems panel;
//   2. its quick-fix applies and the diagnostic goes;
//   3. "RouteGuard: Show Route Map" shows the routes, grouped by auth state.
// Screenshots go to .artifacts/e2e/. Needs test/e2e/setup.sh (code-server in the cache folder).
// Exit code 0 = pass.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const cache = process.env.ROUTEGUARD_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'routeguard-e2e');
const codeServer = path.join(cache, 'code-server/node_modules/.bin/code-server');
const artifacts = path.join(repo, '.artifacts/e2e');
const t0 = Date.now();
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);

if (!fs.existsSync(codeServer)) {
  console.error(`code-server is not installed in ${cache}: run test/e2e/setup.sh`);
  process.exit(1);
}
const browserPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!browserPath) {
  console.error('chromium is not installed: run test/e2e/setup.sh');
  process.exit(1);
}

// ── The extension, packaged as users get it ─────────────────────────────────────────────────
const vsix = path.join(repo, 'routeguard.vsix');
const pack = spawnSync('npm', ['run', '--silent', 'package:vsix'], { cwd: repo, encoding: 'utf8' });
if (pack.status !== 0) {
  console.error(pack.stdout, pack.stderr);
  process.exit(1);
}
log(`packaged ${path.relative(repo, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(2)} MB)`);

// ── A throw-away profile, home and workspace ────────────────────────────────────────────────
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-code-server-')));
const userDir = path.join(tmp, 'user');
const extDir = path.join(tmp, 'ext');
const workspace = path.join(tmp, 'ops-api');
fs.cpSync(path.join(repo, 'examples/ops-api'), workspace, { recursive: true });
fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
// Settings that keep the workbench quiet and predictable: no welcome page, tips, trust prompt,
// update checks or experiments.
fs.writeFileSync(
  path.join(userDir, 'User/settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.codeLens': true,
    'editor.hover.enabled': false,
    'chat.disableAIFeatures': true,
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
  }),
);
const env = {
  ...process.env,
  ROUTEGUARD_LOG_FILE: path.join(artifacts, 'server.log'),
  HOME: path.join(tmp, 'home'),
  XDG_CONFIG_HOME: path.join(tmp, 'config'),
  XDG_DATA_HOME: path.join(tmp, 'data'),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
  // node-gyp settings live in the real home's .npmrc (see ../shared/TOOLING.md).
  npm_config_userconfig: process.env.npm_config_userconfig ?? path.join(os.homedir(), '.npmrc'),
};
fs.mkdirSync(env.HOME, { recursive: true });
const profile = ['--user-data-dir', userDir, '--extensions-dir', extDir];

const install = spawnSync(codeServer, [...profile, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
  console.error(install.stdout, install.stderr);
  process.exit(1);
}
log('extension installed');

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(codeServer, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...profile, workspace], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let serverOutput = '';
server.stdout.on('data', (d) => (serverOutput += d));
server.stderr.on('data', (d) => (serverOutput += d));

const chromeProfile = path.join(tmp, 'chromium');
let context;
let passed = false;
try {
  await until('code-server /healthz', async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok, 60_000);
  log('code-server up on', base);
  context = await chromium.launchPersistentContext(chromeProfile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1500, height: 950 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => log('page error:', e.message));
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  log('workbench loaded');

  // 1) Open src/routes/users.ts through Quick Open; the extension activates on the language.
  await quickOpen(page, 'src/routes/users.ts', 'users.ts');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines:has-text("router.get(\'/:id\'")').waitFor({ timeout: 60_000 });
  log('editor open');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 120_000 });
  log('diagnostic squiggle shown');

  // The RouteGuard diagnostic in the Problems panel (View: Problems).
  await runCommand(page, 'View: Focus Problems', 'Focus Problems');
  // The list is virtualized: filter it down to the row we are after.
  const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await filter.waitFor({ timeout: 15_000 });
  await filter.fill('missing-auth');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'GET /api/users/:id returns sensitive data' });
  await problem.first().waitFor({ timeout: 60_000 });
  const rowText = (await problem.first().innerText()).replace(/\s+/g, ' ');
  log('Problems panel:', rowText.slice(0, 160));
  if (!/missing-auth/.test(rowText)) throw new Error(`the problem row does not name the rule: ${rowText}`);
  await page.screenshot({ path: path.join(artifacts, '1-problems.png') });

  // The CodeLens above the route.
  // The CodeLens above the route. Not asserted here: once in a few runs, a lens requested while
  // the server was starting never shows until the next edit (see the team notes); asserted after
  // the quick-fix below, where the edit makes VS Code ask again.
  const publicLens = editor.locator('.codelens-decoration').filter({ hasText: 'public' }).first();
  const lensBefore = await publicLens.waitFor({ timeout: 30_000 }).then(() => true, () => false);
  log(lensBefore ? 'CodeLens shown' : 'WARNING: no CodeLens before the first edit');

  // 2) The quick-fix: put the cursor on the route (Quick Open ":18" = go to line 18) and press Ctrl+.
  const line = fs.readFileSync(path.join(workspace, 'src/routes/users.ts'), 'utf8').split('\n').findIndex((l) => l.startsWith("router.get('/:id'")) + 1;
  const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Require authentication: add requireAuth before the handler' });
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator('.tabs-container .tab', { hasText: 'users.ts' }).first().click();
      await page.keyboard.press('Control+P');
      // The quick input can close again before it is filled (the workbench takes focus back
      // while it settles, once in a few runs): that is one more attempt, not a failure.
      await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
      await page.locator('.quick-input-widget input').fill(`:${line}:3`, { timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      await page.keyboard.press('Control+.');
      await action.first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      log(`go to line or quick-fix menu not shown (attempt ${attempt})`);
      await page.screenshot({ path: path.join(artifacts, `quick-fix-attempt-${attempt}.png`) });
      await page.keyboard.press('Escape');
      if (attempt === 4) throw error;
    }
  }
  await page.screenshot({ path: path.join(artifacts, '2-quick-fix.png') });
  await action.first().click({ timeout: 5_000 }).catch(() => page.keyboard.press('Enter'));
  await editor.locator('.view-lines:has-text("router.get(\'/:id\', requireAuth,")').waitFor({ timeout: 30_000 });
  log('quick-fix applied');
  await page.keyboard.press('Control+S');
  await until('users.ts saved with the guard', () => fs.readFileSync(path.join(workspace, 'src/routes/users.ts'), 'utf8').includes("router.get('/:id', requireAuth, async"), 30_000);
  await problem.first().waitFor({ state: 'detached', timeout: 60_000 });
  log('the diagnostic is gone from the Problems panel');
  // The CodeLens follows: the route is now guarded.
  const lensTexts = async () => (await editor.locator('.codelens-decoration').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  // (Lenses are rendered for the visible lines only.)
  await until('only guarded CodeLenses in users.ts', async () => {
    const texts = await lensTexts();
    return texts.length > 0 && texts.every((t) => t.includes('requireAuth'));
  }, 60_000);
  log('CodeLens updated:', (await lensTexts()).join(' | '));
  await page.screenshot({ path: path.join(artifacts, '3-after-fix.png') });

  // 3) The route map.
  await runCommand(page, 'RouteGuard: Show Route Map', 'Show Route Map');
  // Give the view the height of the side bar: collapse the file tree above it.
  await page.locator('.sidebar .pane-header', { hasText: 'ops-api' }).first().click();
  const view = page.locator('.pane:has(.pane-header:has-text("Route Map"))');
  await view.locator('.monaco-list-row', { hasText: 'GET /api/users/:id' }).first().waitFor({ timeout: 60_000 });
  const groups = await view.locator('.monaco-list-row[aria-level="1"]').allInnerTexts();
  log('route map groups:', groups.map((g) => g.replace(/\s+/g, ' ')).join(' | '));
  for (const g of ['Public', 'Authenticated', 'Role-checked']) if (!groups.some((t) => t.includes(g))) throw new Error(`route map has no ${g} group`);
  const payroll = view.locator('.monaco-list-row', { hasText: 'GET /api/payroll/export' });
  await payroll.first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: path.join(artifacts, '4-route-map.png') });
  // Clicking a route opens its registration.
  await payroll.first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'payroll.ts' }).waitFor({ timeout: 30_000 });
  log('clicking a route opened payroll.ts');

  // Export Findings as SARIF: the save dialog (VS Code's simple file dialog in the browser) is
  // prefilled with <folder>/routeguard.sarif; Enter saves.
  await runCommand(page, 'RouteGuard: Export Findings as SARIF', 'Export Findings as SARIF');
  const dialog = page.locator('.quick-input-widget input');
  await until('the save dialog prefilled', async () => (await dialog.inputValue().catch(() => '')).endsWith('routeguard.sarif'), 30_000);
  await page.keyboard.press('Enter');
  const sarifFile = path.join(workspace, 'routeguard.sarif');
  await until('routeguard.sarif written', () => fs.existsSync(sarifFile) && fs.statSync(sarifFile).size > 0, 30_000);
  const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
  if (sarif.version !== '2.1.0' || !sarif.runs[0].results.some((r) => r.ruleId === 'missing-auth')) throw new Error('the exported SARIF has no missing-auth result');
  await page.locator('.notifications-toasts', { hasText: 'RouteGuard exported' }).first().waitFor({ timeout: 30_000 });
  log(`SARIF exported: ${sarif.runs[0].results.length} results`);

  // The status bar counts critical and high findings.
  const status = page.locator('.statusbar-item', { hasText: /\d+ high/ });
  await status.first().waitFor({ timeout: 30_000 });
  log('status bar:', (await status.first().innerText()).replace(/\s+/g, ' '));
  passed = true;
} catch (error) {
  log('ERROR', error.message);
  const page = context?.pages()[0];
  await page?.screenshot({ path: path.join(artifacts, 'error.png') }).catch(() => {});
  console.log(serverOutput.split('\n').slice(-30).join('\n'));
} finally {
  await context?.close().catch(() => {});
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 200));
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
log(passed ? 'PASS' : 'FAIL', `(screenshots in ${path.relative(repo, artifacts)}/)`);
process.exit(passed ? 0 : 1);

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

async function until(what, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function quickOpen(page, query, label) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(query);
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: label });
  await pick.first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

async function runCommand(page, command, label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}
