/** The configuration after defaults are applied: what the engine, discovery and rules read. */
import type { Severity } from '../model/finding';
import type { HttpMethod } from '../model/route-model';

export interface PublicRouteConfig {
  method: HttpMethod | '*';
  /** A path pattern: `*` matches one segment, `**` any number. */
  path: string;
  reason: string;
}

export interface ResolvedConfig {
  include: string[];
  exclude: string[];
  rules: Record<string, { severity: Severity | 'off' } | undefined>;
  /** Names (identifiers or call names) or module specifiers of the project's own guards. */
  authGuards: string[];
  roleChecks: string[];
  validators: string[];
  rateLimiters: string[];
  loggers: string[];
  publicRoutes: PublicRouteConfig[];
  sensitivePaths: string[];
  maxFileSize: number;
  maxFiles: number;
  /** Per-file extraction budget in milliseconds. */
  fileTimeBudgetMs: number;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  include: [],
  exclude: [],
  rules: {},
  authGuards: [],
  roleChecks: [],
  validators: [],
  rateLimiters: [],
  loggers: [],
  publicRoutes: [],
  sensitivePaths: [],
  maxFileSize: 1024 * 1024,
  maxFiles: 50_000,
  fileTimeBudgetMs: 2_000,
};
