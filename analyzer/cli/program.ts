/**
 * `routeguard analyze` and `routeguard routes`. The only module that writes to stdout and decides
 * the exit code. Every error ends as exactly one line on stderr (`routeguard: error: …`), never a
 * stack trace: commander's own messages are routed through `outputError`, and its exits through
 * `exitOverride` so that they come back here as exceptions.
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors';
import type { AnalysisResult } from '../engine/result';
import { formatJson } from '../reporters/json';
import { formatRoutes, ROUTE_FORMATS, type RouteFormat } from '../reporters/routes-table';
import { formatSarif } from '../reporters/sarif';
import { formatText } from '../reporters/text';
import { TOOL } from '../reporters/tool';
import { oneLine } from '../reporters/sanitize';
import { shouldUseColor } from './color';
import type { CliDeps } from './deps';
import { EXIT_ERROR, EXIT_OK, exitCodeFor, FAIL_ON, type FailOn } from './exit-code';
import { mergeResults, prefixResult } from './merge-results';
import { createProgress } from './progress';
import { resolveRoots } from './roots';
import { writeFileAtomic } from './write-output';

export const ANALYZE_FORMATS = ['text', 'json', 'sarif'] as const;
type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

interface AnalyzeFlags {
  format: AnalyzeFormat;
  output?: string;
  failOn: FailOn;
  config?: string;
  verbose?: boolean;
}

interface RoutesFlags {
  format: RouteFormat;
  output?: string;
  config?: string;
}

/** One line, whatever the message: commander appends "(Did you mean …?)" on a second line. */
function errorLine(message: string): string {
  return `routeguard: ${oneLine(message.trim()).replace(/\s+/g, ' ')}\n`;
}

export async function run(argv: readonly string[], deps: CliDeps): Promise<number> {
  let exitCode = EXIT_OK;

  const program = new Command('routeguard')
    .description('Find API-security launch blockers in Node.js backends (Express, Fastify, Next.js).')
    .version(TOOL.version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: (text, write) => write(errorLine(text)),
    })
    .showSuggestionAfterError(true);

  program
    .command('analyze')
    .description('Analyze one or more projects and report security findings.')
    .argument('[paths...]', 'project directories to analyze (default: the current directory)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(ANALYZE_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit with 1 when a finding is at or above this severity').choices(FAIL_ON).default('high'))
    .option('-c, --config <file>', 'configuration file (default: routeguard.config.json or package.json#routeguard in each root)')
    .option('--verbose', 'text format: list every problem and every fix-list entry')
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      const result = await analyzeRoots(paths.length > 0 ? paths : ['.'], flags.config, deps);
      const color = flags.output === undefined && shouldUseColor(deps.env, deps.stdout.isTTY);
      emit(renderAnalysis(result, flags, color), flags.output, deps);
      exitCode = exitCodeFor(result.findings, flags.failOn);
    });

  program
    .command('routes')
    .description('Print the access matrix: every route with its auth, role check, validation and rate limit.')
    .argument('[path]', 'project directory (default: the current directory)', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(ROUTE_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the matrix to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file')
    .action(async (root: string, flags: RoutesFlags) => {
      const result = await analyzeRoots([root], flags.config, deps);
      emit(formatRoutes(result, flags.format), flags.output, deps);
    });

  if (argv.length === 0) {
    deps.stderr.write(errorLine("error: missing command (try 'routeguard --help')"));
    return EXIT_ERROR;
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, deps);
  }
}

async function analyzeRoots(args: readonly string[], config: string | undefined, deps: CliDeps): Promise<AnalysisResult> {
  const roots = resolveRoots(args, deps.cwd);
  const results: AnalysisResult[] = [];
  for (const root of roots) {
    const progress = createProgress(deps, `routeguard: analyzing ${oneLine(root.arg)}`);
    try {
      const result = await deps.analyze({ root: root.absolute, configPath: config, onProgress: (done, total) => progress.update(done, total) });
      results.push(prefixResult(result, root.prefix));
    } finally {
      progress.clear();
    }
  }
  return mergeResults(results, deps.cwd);
}

function renderAnalysis(result: AnalysisResult, flags: AnalyzeFlags, color: boolean): string {
  switch (flags.format) {
    case 'text':
      return formatText(result, { colors: pc.createColors(color), verbose: flags.verbose });
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
  }
}

function emit(text: string, output: string | undefined, deps: CliDeps): void {
  if (output === undefined) deps.stdout.write(text);
  else writeFileAtomic(path.resolve(deps.cwd, output), text);
}

function handleError(error: unknown, deps: CliDeps): number {
  if (error instanceof CommanderError) {
    // Help and --version exit through here with code 0; commander has already printed them.
    return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    deps.stderr.write(errorLine(`error: ${error.message}`));
    return EXIT_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  deps.stderr.write(errorLine(`internal error: ${message}`));
  if (deps.env.ROUTEGUARD_DEBUG && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
  return EXIT_ERROR;
}
