/** What the CLI needs from the outside world; injected so tests can run it in-process. */
import type { AnalyzeOptions } from '../analyze';
import type { AnalysisResult } from '../engine/result';

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliDeps {
  analyze(options: AnalyzeOptions): Promise<AnalysisResult>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutStream;
  stderr: OutStream;
}
