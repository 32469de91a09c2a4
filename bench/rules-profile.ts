/**
 * Per-phase and per-rule CPU time of one `analyze` over a folder, to find what dominates.
 *   npx esbuild bench/rules-profile.ts --bundle --platform=node --outfile=/tmp/rules-profile.js
 *   node --expose-gc /tmp/rules-profile.js /tmp/routeguard-bench/n1000 [--repeat 2] [--only rule-id,…]
 * With `node --cpu-prof`, the phases show up as extractPhase, discoveryPhase and rulePhase.
 * CPU time (process.cpuUsage) rather than wall time: the bench machine is shared, and CPU time
 * is what another process's load inflates least. With --repeat N, discovery and the rules run N
 * times (on fresh copies of the facts) and the minimum is shown.
 */
import path from 'node:path';
import { loadConfig } from '../analyzer/config/load-config';
import { extractFile } from '../analyzer/extract/extract-file';
import type { FileFacts } from '../analyzer/model/ir';
import { listProjectFiles } from '../analyzer/project/list-files';
import { readProjectFile } from '../analyzer/project/read-files';
import { buildRouteModel } from '../analyzer/discovery/discover';
import { DiscoveryMemo } from '../analyzer/discovery/memo';
import { scanTextsForSecrets } from '../analyzer/secrets/secretlint-scan';
import type { RuleContext, SecretHit } from '../rules/utils/define-rule';
import { allRules } from '../rules';

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// With `node --expose-gc`, each phase starts on a clean heap, so that it pays for its own garbage.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const timed = <T>(label: string, rows: [string, number][], f: () => T): T => {
  collect();
  const t = cpu();
  const value = f();
  rows.push([label, cpu() - t]);
  return value;
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repeatAt = args.indexOf('--repeat');
  const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 1;
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1]!.split(',') : undefined;
  const root = path.resolve(args[0] ?? '.');
  const { config } = loadConfig(root);
  const rows: [string, number][] = [];
  const listed = timed('list', rows, () => listProjectFiles(root, { include: config.include, exclude: config.exclude, maxFiles: config.maxFiles }));
  const texts = new Map<string, string>();
  timed('read', rows, () => {
    for (const file of [...listed.sources, ...listed.textFiles]) {
      const { text } = readProjectFile(root, file, config.maxFileSize);
      if (text !== undefined) texts.set(file, text);
    }
  });
  const files = new Map<string, FileFacts>();
  timed('extract', rows, function extractPhase() {
    for (const file of listed.sources) {
      const text = texts.get(file);
      if (text !== undefined) files.set(file, extractFile(file, text, { timeBudgetMs: config.fileTimeBudgetMs }));
    }
  });
  const t = cpu();
  const scanned = await scanTextsForSecrets([...texts].map(([file, text]) => ({ file, text })));
  rows.push(['secret scan', cpu() - t]);
  const secrets: SecretHit[] = scanned.flatMap((s) => s.hits);
  // Each repetition runs discovery and the rules on fresh copies of the facts (per-file caches
  // start empty, as in a CLI run); the table gives the minimum over repetitions, the least
  // disturbed by other processes.
  const samples = new Map<string, number[]>();
  const sample = (label: string, ms: number) => samples.set(label, [...(samples.get(label) ?? []), ms]);
  for (const [label, ms] of rows) sample(label, ms);
  let summary = '';
  for (let run = 0; run < repeat; run++) {
    const fresh = run === 0 ? files : new Map([...files].map(([f, facts]) => [f, structuredClone(facts)]));
    const runRows: [string, number][] = [];
    const { model } = timed('discovery', runRows, function discoveryPhase() {
      return buildRouteModel(fresh, config, listed.aliases, new DiscoveryMemo());
    });
    const ctx: RuleContext = { model, files: fresh, getText: (f) => texts.get(f), textFiles: listed.textFiles, secrets, config, ruleIds: allRules.map((r) => r.id) };
    let findings = 0;
    for (const rule of allRules) {
      if (only && !only.includes(rule.id)) continue;
      timed(`  ${rule.id}`, runRows, function rulePhase() {
        for (const state of rule.detect(ctx)) {
          rule.report(state, ctx);
          rule.fix?.(state, ctx);
          findings++;
        }
      });
    }
    runRows.push(['rules', runRows.filter(([label]) => label.startsWith('  ')).reduce((sum, [, ms]) => sum + ms, 0)]);
    for (const [label, ms] of runRows) sample(label, ms);
    summary = `routes ${model.routes.length}, findings ${findings}`;
  }
  let total = 0;
  for (const [label, ms] of samples) {
    const min = Math.min(...ms);
    if (!label.startsWith('  ') && label !== 'rules') total += min;
    console.log(`${label.padEnd(40)} ${min.toFixed(0).padStart(7)} ms${ms.length > 1 ? `   (runs: ${ms.map((m) => m.toFixed(0)).join(', ')})` : ''}`);
  }
  console.log(`${'total (minimums)'.padEnd(40)} ${total.toFixed(0).padStart(7)} ms   (${files.size} source files, ${listed.textFiles.length} text files; ${summary})`);
}

void main();
