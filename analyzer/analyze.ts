/** The one-call API behind `routeguard analyze` and `routeguard routes`. */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config/load-config';
import type { AnalysisResult } from './engine/result';
import { UsageError } from './errors';
import { ProjectSession } from './session';

export interface AnalyzeOptions {
  root: string;
  /** An explicit config file; otherwise routeguard.config.json or package.json#routeguard in the root. */
  configPath?: string;
  onProgress?: (done: number, total: number) => void;
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
  const session = new ProjectSession({ root, config });
  session.loadAll(options.onProgress);
  await session.scanSecrets();
  const result = session.run();
  result.stats.durationMs = performance.now() - started;
  return result;
}
