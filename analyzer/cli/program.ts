/**
 * `routeguard analyze`, `routeguard routes` and `routeguard init`. The only module that writes to
 * stdout and decides the exit code. Every error ends as exactly one line on stderr
 * (`routeguard: error: …`), never a stack trace: commander's own messages are routed through
 * `outputError`, and its exits through `exitOverride` so that they come back here as exceptions.
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import fs from 'node:fs';
import path from 'node:path';
import { starterConfig } from '../config/init';
import { applyBaseline, createBaseline, parseBaseline } from '../engine/baseline';
import { ConfigError, UsageError } from '../errors';
import type { AnalysisResult } from '../engine/result';
import { compareRouteLock, createRouteLock, formatLockComparison, parseRouteLock } from '../lock/route-lock';
import { formatJson } from '../reporters/json';
import { formatRoutes, ROUTE_FORMATS, type RouteFormat } from '../reporters/routes-table';
import { formatSarif } from '../reporters/sarif';
import { formatText } from '../reporters/text';
import { TOOL } from '../reporters/tool';
import { oneLine } from '../reporters/sanitize';
import { shouldUseColor } from './color';
import type { CliDeps } from './deps';
import { analyzeRoots } from './analyze-roots';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exitCodeFor, FAIL_ON, type FailOn } from './exit-code';
import { readJsonFile, writeJsonFile, writeRecordsFile } from './json-file';
import { resolveRoots } from './roots';
import { writeFileAtomic } from './write-output';

export const ANALYZE_FORMATS = ['text', 'json', 'sarif'] as const;
type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

interface AnalyzeFlags {
  format: AnalyzeFormat;
  output?: string;
  failOn: FailOn;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  reportUnusedSuppressions?: boolean;
  changedSince?: string;
  quiet?: boolean;
  verbose?: boolean;
}

interface RoutesFlags {
  format: RouteFormat;
  output?: string;
  config?: string;
  write?: string;
  check?: string;
  quiet?: boolean;
}

interface InitFlags {
  quiet?: boolean;
}

/** One line, whatever the message: commander appends "(Did you mean …?)" on a second line. */
function errorLine(message: string): string {
  return `routeguard: ${oneLine(message.trim()).replace(/\s+/g, ' ')}\n`;
}

/** An informational line on stderr, so that stdout holds only the report. */
function noteLine(deps: CliDeps, text: string): void {
  deps.stderr.write(`routeguard: ${oneLine(text)}\n`);
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
    .option('--baseline <file>', 'findings recorded in this baseline are suppressed: fail only on new ones')
    .addOption(new Option('--write-baseline <file>', 'record every current finding in a baseline file (then exit 0)').conflicts('changedSince'))
    .option('--report-unused-suppressions', 'report routeguard-ignore comments that matched no finding')
    .option('--changed-since <git-ref>', 'report only findings in files changed since this git ref (the analysis still sees the whole project)')
    .addOption(new Option('-q, --quiet', 'text format: only the findings (no summary or problems); no progress or notes').conflicts('verbose'))
    .option('--verbose', 'text format: list every problem and every fix-list entry; notes on stderr')
    .action(async (paths: string[], flags: AnalyzeFlags) => {
      exitCode = await analyzeCommand(paths.length > 0 ? paths : ['.'], flags, deps);
    });

  program
    .command('routes')
    .description('Print the access matrix: every route with its auth, role check, validation and rate limit.')
    .argument('[path]', 'project directory (default: the current directory)', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(ROUTE_FORMATS).default('table'))
    .option('-o, --output <file>', 'write the matrix to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file')
    .addOption(new Option('--write <lockfile>', 'record every route and its access controls in a lockfile').conflicts(['check', 'format', 'output']))
    .addOption(new Option('--check <lockfile>', 'exit 1 when a route was added, removed or weakened since the lockfile').conflicts(['format', 'output']))
    .option('-q, --quiet', 'no progress or notes; --check prints only a failing diff')
    .action(async (root: string, flags: RoutesFlags) => {
      exitCode = await routesCommand(root, flags, deps);
    });

  program
    .command('init')
    .description('Write a starter routeguard.config.json: detects the frameworks and proposes the guards found.')
    .argument('[path]', 'project directory (default: the current directory)', '.')
    .option('-q, --quiet', 'no progress and no summary')
    .action(async (root: string, flags: InitFlags) => {
      exitCode = await initCommand(root, flags, deps);
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

async function analyzeCommand(paths: readonly string[], flags: AnalyzeFlags, deps: CliDeps): Promise<number> {
  const note = flags.verbose ? (text: string) => noteLine(deps, text) : undefined;
  // Read before analyzing: a missing or broken baseline is a usage error, found in milliseconds.
  const baseline = flags.baseline === undefined ? undefined : readJsonFile(deps.cwd, flags.baseline, 'baseline', parseBaseline);
  const result = await analyzeRoots(
    paths,
    { config: flags.config, reportUnusedSuppressions: flags.reportUnusedSuppressions, baseline, changedSince: flags.changedSince, quiet: flags.quiet, note },
    deps,
  );
  if (baseline) {
    const matched = result.findings.filter((f) => f.suppressed?.kind === 'baseline').length;
    note?.(`baseline ${flags.baseline}: ${matched} of ${baseline.findings.length} entries matched a finding`);
  }
  if (flags.writeBaseline !== undefined) {
    const written = createBaseline(result.findings);
    writeRecordsFile(deps.cwd, flags.writeBaseline, { version: written.version }, 'findings', written.findings);
    // Everything just recorded is now baselined, so this run passes like the next one will.
    applyBaseline(result.findings, written);
    if (!flags.quiet) noteLine(deps, `wrote ${written.findings.length} finding(s) to ${flags.writeBaseline}; run with --baseline ${flags.writeBaseline} to fail only on new findings`);
  }
  const color = flags.output === undefined && shouldUseColor(deps.env, deps.stdout.isTTY);
  emit(renderAnalysis(result, flags, color), flags.output, deps);
  return exitCodeFor(result.findings, flags.failOn);
}

async function routesCommand(root: string, flags: RoutesFlags, deps: CliDeps): Promise<number> {
  const locked = flags.check === undefined ? undefined : readJsonFile(deps.cwd, flags.check, 'route lock', parseRouteLock);
  const result = await analyzeRoots([root], { config: flags.config, quiet: flags.quiet }, deps);
  if (flags.write !== undefined) {
    const lock = createRouteLock(result.model);
    writeRecordsFile(deps.cwd, flags.write, { version: lock.version }, 'routes', lock.routes);
    if (!flags.quiet) noteLine(deps, `wrote ${lock.routes.length} route(s) to ${flags.write}`);
    return EXIT_OK;
  }
  if (locked !== undefined) {
    const comparison = compareRouteLock(locked, createRouteLock(result.model));
    if (comparison.failed || !flags.quiet) {
      const color = shouldUseColor(deps.env, deps.stdout.isTTY);
      deps.stdout.write(`${colorLockDiff(formatLockComparison(comparison, flags.check), pc.createColors(color))}\n`);
    }
    return comparison.failed ? EXIT_FINDINGS : EXIT_OK;
  }
  emit(formatRoutes(result, flags.format), flags.output, deps);
  return EXIT_OK;
}

function colorLockDiff(text: string, c: ReturnType<typeof pc.createColors>): string {
  return text
    .split('\n')
    .map((line) => (/^[+!-] /.test(line) ? c.red(line) : line.startsWith('~ ') ? c.green(line) : c.dim(line)))
    .join('\n');
}

async function initCommand(arg: string, flags: InitFlags, deps: CliDeps): Promise<number> {
  const [root] = resolveRoots([arg], deps.cwd);
  const target = path.join(root!.absolute, 'routeguard.config.json');
  const shown = path.relative(deps.cwd, target).split(path.sep).join('/');
  if (fs.existsSync(target)) throw new UsageError(`${shown} already exists; edit it, or delete it to start over`);
  const packageJson = readPackageJson(root!.absolute);
  if (packageJson && typeof packageJson === 'object' && 'routeguard' in packageJson) {
    throw new UsageError(`${path.relative(deps.cwd, path.join(root!.absolute, 'package.json')).split(path.sep).join('/')} already has a "routeguard" configuration; edit it instead`);
  }
  const result = await analyzeRoots([arg], { quiet: flags.quiet }, deps);
  const { config, frameworks } = starterConfig(result, packageJson);
  writeJsonFile(deps.cwd, target, config);
  if (!flags.quiet) {
    const list = (items: readonly string[], none: string) => (items.length > 0 ? items.map(oneLine).join(', ') : none);
    deps.stdout.write(
      [
        `Frameworks detected: ${list(frameworks, 'none (no Express, Fastify or Next.js routes or dependencies found)')}`,
        `Routes found: ${result.model.routes.length}`,
        `Auth guards proposed: ${list(config.authGuards, 'none found (name yours under "authGuards")')}`,
        `Role checks proposed: ${list(config.roleChecks, 'none found (name yours under "roleChecks")')}`,
        `Wrote ${shown}. Review the proposed guards, list public-by-design routes under "publicRoutes" with a reason, then run \`routeguard analyze\`.`,
        '',
      ].join('\n'),
    );
  }
  return EXIT_OK;
}

/** The root's package.json, or undefined when it is missing or not JSON (the project's business). */
function readPackageJson(root: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function renderAnalysis(result: AnalysisResult, flags: AnalyzeFlags, color: boolean): string {
  switch (flags.format) {
    case 'text':
      return formatText(result, { colors: pc.createColors(color), verbose: flags.verbose, quiet: flags.quiet });
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
