/** The `routeguard` executable (bundled to dist/cli.js). Wires the real process into `run`. */
import type { AnalyzeOptions } from '../analyze';
import { run } from './program';

function lastResort(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`routeguard: internal error: ${message.split(/\r?\n/)[0]}\n`);
  process.exit(2);
}

// A closed pipe (`routeguard routes | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  lastResort(error);
});
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

run(process.argv.slice(2), {
  // Loaded on first use: the analyzer (TypeScript included) is most of the bundle, and `--help` or a
  // usage error should not pay for evaluating it.
  analyze: async (options: AnalyzeOptions) => (await import('../analyze')).analyzeProject(options),
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
}).then((code) => {
  process.exitCode = code;
}, lastResort);
