/** The one-call API behind `routeguard analyze` and `routeguard routes`. */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config/load-config';
import { applyBaseline, type BaselineFile } from './engine/baseline';
import type { AnalysisResult } from './engine/result';
import { UsageError } from './errors';
import { ProjectSession } from './session';

export interface AnalyzeOptions {
  root: string;
  /** An explicit config file; otherwise routeguard.config.json or package.json#routeguard in the root. */
  configPath?: string;
  onProgress?: (done: number, total: number) => void;
  /** Report suppressions that matched no finding (rule `unused-suppression`). */
  reportUnusedSuppressions?: boolean;
  /** Findings in this baseline are kept but marked suppressed (kind 'baseline'). */
  baseline?: BaselineFile;
}

export async function analyzeProject(options: AnalyzeOptions): Promise<AnalysisResult> {
  const root = path.resolve(options.root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(`path not found: ${options.root}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${options.root}`);
  const { config } = loadConfig(root, options.configPath);
  const started = performance.now();
  const session = new ProjectSession({ root, config, reportUnusedSuppressions: options.reportUnusedSuppressions, incremental: false });
  session.loadAll(options.onProgress);
  await session.scanSecrets();
  const result = session.run();
  if (options.baseline) applyBaseline(result.findings, options.baseline);
  result.stats.durationMs = performance.now() - started;
  return result;
}
