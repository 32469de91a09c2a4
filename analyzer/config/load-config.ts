/**
 * Loads `routeguard.config.json` (or the `"routeguard"` key of package.json). JSON only: a config
 * must never execute code. Errors name the file, the key path and what was expected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { DEFAULT_CONFIG, type ResolvedConfig } from './types';

const severity = z.enum(['critical', 'high', 'medium', 'low', 'off']);
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'ALL', '*']);

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    rules: z.record(z.string(), z.union([severity, z.object({ severity }).strict()])).optional(),
    authGuards: z.array(z.string()).optional(),
    roleChecks: z.array(z.string()).optional(),
    validators: z.array(z.string()).optional(),
    rateLimiters: z.array(z.string()).optional(),
    loggers: z.array(z.string()).optional(),
    publicRoutes: z.array(z.object({ method: method.default('*'), path: z.string(), reason: z.string().min(1) }).strict()).optional(),
    sensitivePaths: z.array(z.string()).optional(),
    maxFileSize: z.number().int().positive().optional(),
    maxFiles: z.number().int().positive().optional(),
    fileTimeBudgetMs: z.number().int().positive().optional(),
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
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.path.join('.') || '(root)';
    throw new ConfigError(`${label}: ${keyPath}: ${issue.message}`);
  }
  const user = parsed.data;
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
