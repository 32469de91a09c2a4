/**
 * Loads `routeguard.config.json` (or the `"routeguard"` key of package.json). JSON only: a config
 * must never execute code. Errors name the file, the key path and what was expected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { closestMatch } from '../util/closest';
import { DEFAULT_CONFIG, type ResolvedConfig } from './types';
import { allRules } from '../../rules';

const severity = z.enum(['critical', 'high', 'medium', 'low', 'off']);
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'ALL', '*']);

const names = (what: string) => z.array(z.string()).describe(`${what}, by name (\`requireAuth\`, \`passport.authenticate\`) or by module (\`@acme/auth\`).`);

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    include: z.array(z.string()).describe('Globs of source files to analyze (relative to the project root). Default: every JS/TS file.').optional(),
    exclude: z.array(z.string()).describe('Globs of files to leave out, on top of node_modules, build output and .gitignore.').optional(),
    rules: z
      .record(z.string(), z.union([severity, z.object({ severity }).strict()]))
      .describe('Per-rule severity, or "off". Keys are rule ids, e.g. { "missing-security-headers": "off" }.')
      .optional(),
    authGuards: names("The project's own authentication guards").optional(),
    roleChecks: names("The project's own role or permission checks").optional(),
    validators: names("The project's own request validators").optional(),
    rateLimiters: names("The project's own rate limiters").optional(),
    loggers: names("The project's own loggers (for sensitive-logging)").optional(),
    publicRoutes: z
      .array(
        z
          .object({
            method: method.default('*').describe('HTTP method, or "*" for any.'),
            path: z.string().describe('Path pattern: `*` matches one segment, `**` any number, `:id` one segment.'),
            reason: z.string().min(1).describe('Why this route is public by design (required).'),
          })
          .strict(),
      )
      .describe('Routes that are public by design; missing-auth does not report them.')
      .optional(),
    sensitivePaths: z.array(z.string()).describe('Extra path patterns that expose sensitive data (e.g. "/api/hr/**").').optional(),
    maxFileSize: z.number().int().positive().describe('Files larger than this many bytes are skipped with a recorded problem (default 1 MiB).').optional(),
    maxFiles: z.number().int().positive().describe('At most this many source files are analyzed (default 50,000).').optional(),
    fileTimeBudgetMs: z.number().int().positive().describe('Per-file extraction budget in milliseconds (default 2,000).').optional(),
  })
  .strict();

export type UserConfig = z.infer<typeof configSchema>;

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The file the config came from, project-relative; undefined when defaults are used. */
  source: string | undefined;
}

export function loadConfig(root: string, explicitPath?: string): LoadedConfig {
  if (explicitPath) {
    const abs = path.resolve(explicitPath);
    if (!fs.existsSync(abs)) throw new ConfigError(`config file not found: ${explicitPath}`);
    return { config: resolveConfig(parseJsonFile(abs, explicitPath), explicitPath), source: explicitPath };
  }
  const configFile = path.join(root, 'routeguard.config.json');
  if (fs.existsSync(configFile)) return { config: resolveConfig(parseJsonFile(configFile, 'routeguard.config.json'), 'routeguard.config.json'), source: 'routeguard.config.json' };
  const pkgFile = path.join(root, 'package.json');
  if (fs.existsSync(pkgFile)) {
    let pkg: unknown;
    try {
      pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    } catch {
      // A broken package.json is the project's problem, not a RouteGuard config error.
      return { config: DEFAULT_CONFIG, source: undefined };
    }
    if (pkg && typeof pkg === 'object' && 'routeguard' in pkg) {
      return { config: resolveConfig((pkg as { routeguard: unknown }).routeguard, 'package.json#routeguard'), source: 'package.json' };
    }
  }
  return { config: DEFAULT_CONFIG, source: undefined };
}

function parseJsonFile(abs: string, label: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    throw new ConfigError(`${label}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${label}: invalid JSON (${(error as Error).message})`);
  }
}

export function resolveConfig(raw: unknown, label: string): ResolvedConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${label}: ${describeIssue(parsed.error.issues[0]!, raw)}`);
  const user = parsed.data;
  const knownRules = allRules.map((r) => r.id);
  for (const id of Object.keys(user.rules ?? {})) {
    if (!knownRules.includes(id)) throw new ConfigError(`${label}: rules.${id}: unknown rule${suggest(id, knownRules)}`);
  }
  const rules: ResolvedConfig['rules'] = {};
  for (const [id, value] of Object.entries(user.rules ?? {})) rules[id] = typeof value === 'string' ? { severity: value } : value;
  return {
    ...DEFAULT_CONFIG,
    include: user.include ?? DEFAULT_CONFIG.include,
    exclude: user.exclude ?? DEFAULT_CONFIG.exclude,
    rules,
    authGuards: user.authGuards ?? [],
    roleChecks: user.roleChecks ?? [],
    validators: user.validators ?? [],
    rateLimiters: user.rateLimiters ?? [],
    loggers: user.loggers ?? [],
    publicRoutes: (user.publicRoutes ?? []).map((r) => ({ method: r.method, path: r.path, reason: r.reason })),
    sensitivePaths: user.sensitivePaths ?? [],
    maxFileSize: user.maxFileSize ?? DEFAULT_CONFIG.maxFileSize,
    maxFiles: user.maxFiles ?? DEFAULT_CONFIG.maxFiles,
    fileTimeBudgetMs: user.fileTimeBudgetMs ?? DEFAULT_CONFIG.fileTimeBudgetMs,
  };
}

/** One line naming the key path, what was expected and what was found. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const keyPath = issue.path.map(String).join('.');
  const at = keyPath ? `${keyPath}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const parent = issue.path.length > 0 ? `${keyPath}.` : '';
    const valid = issue.path.length === 0 ? Object.keys(configSchema.shape) : ['method', 'path', 'reason', 'severity'];
    return `${parent}${key}: unknown key${suggest(key, valid)}`;
  }
  if (issue.code === 'invalid_value') {
    const got = valueAt(raw, issue.path);
    return `${at}expected one of ${issue.values.map(String).join('|')}, got ${JSON.stringify(got)}`;
  }
  if (issue.code === 'invalid_union') {
    const got = valueAt(raw, issue.path);
    const levels = 'critical|high|medium|low|off';
    if (issue.path[0] === 'rules' && got && typeof got === 'object' && 'severity' in got) {
      return `${keyPath}.severity: expected one of ${levels}, got ${JSON.stringify((got as { severity: unknown }).severity)}`;
    }
    if (issue.path[0] === 'rules') return `${at}expected one of ${levels} or { "severity": … }, got ${JSON.stringify(got)}`;
  }
  if (issue.code === 'invalid_type') {
    const got = valueAt(raw, issue.path);
    return `${at}expected ${issue.expected}, got ${got === undefined ? 'nothing' : Array.isArray(got) ? 'array' : got === null ? 'null' : typeof got}`;
  }
  return `${at}${issue.message}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** ` (did you mean "x"?)` for the closest candidate within a small edit distance. */
export function suggest(word: string, candidates: readonly string[]): string {
  const best = closestMatch(word, candidates);
  return best !== undefined ? ` (did you mean "${best}"?)` : '';
}
