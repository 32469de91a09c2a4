/**
 * RouteGuard's own messages on top of LSP 3.17, shared by the server and the VS Code client. Plain
 * types and method names only: the client imports this file without pulling in the analyzer.
 */

/** A position as LSP has it: 0-based line, UTF-16 character offset in the line. */
export interface RgPosition {
  line: number;
  character: number;
}

export interface RgRange {
  start: RgPosition;
  end: RgPosition;
}

/** How a route is guarded, for the route map's groups. */
export type AuthState = 'public' | 'authenticated' | 'role-checked';

export type SeverityName = 'critical' | 'high' | 'medium' | 'low';

/** One route of the route map: the access facts `routeguard routes` prints, located for the editor. */
export interface RouteInfo {
  key: string;
  framework: string;
  method: string;
  path: string;
  /** The registration (`router.get(…)`), where clicking a route in the map goes. */
  uri: string;
  range: RgRange;
  authState: AuthState;
  /** Authentication middleware as written (`requireAuth`), or 'in handler'. */
  guards: string[];
  /** Roles or role checks (`admin`, `requireRole`), or 'in handler'. */
  roles: string[];
  validated: boolean;
  rateLimited: boolean;
  /** The route is public on purpose (a login, a health check, a `publicRoutes` entry). */
  publicByDesign: boolean;
  certainty: 'resolved' | 'partial';
  /** The one-line summary shown in the CodeLens, e.g. `🔒 requireAuth · admin · validated`. */
  summary: string;
  /** Unsuppressed findings on this route. */
  findings: number;
}

export interface FolderRoutes {
  name: string;
  uri: string;
  routes: RouteInfo[];
}

/** `routeguard/routes`: the route map of every workspace folder (or of one). */
export const ROUTES_REQUEST = 'routeguard/routes';
export interface RoutesParams {
  folderUri?: string;
}
export interface RoutesResult {
  folders: FolderRoutes[];
}

/** `routeguard/sarif`: the findings of one folder as a SARIF 2.1.0 log (the CLI's reporter). */
export const SARIF_REQUEST = 'routeguard/sarif';
export interface SarifParams {
  /** The workspace folder; the first one when omitted. */
  folderUri?: string;
}
export interface SarifResult {
  folderUri: string;
  /** The log, serialized exactly as `routeguard analyze --format sarif` writes it. */
  sarif: string;
  findings: number;
}

/** `routeguard/analyzeWorkspace`: re-read every folder from disk and analyze it; resolves when done. */
export const ANALYZE_REQUEST = 'routeguard/analyzeWorkspace';
export interface AnalyzeResult {
  folders: number;
  files: number;
  routes: number;
  findings: number;
  durationMs: number;
}

/**
 * `routeguard/debugStats`: internal, for the robustness tests (test/robustness/lsp-load.test.ts),
 * not a feature clients should rely on. The server's memory after an optional forced garbage
 * collection, and the sizes of what it keeps, so a test can tell that a storm of edits left no
 * growth behind.
 */
export const DEBUG_STATS_REQUEST = 'routeguard/debugStats';
export interface DebugStatsParams {
  /** Collect garbage first (through V8's gc, exposed for this request only). */
  gc?: boolean;
}
export interface DebugStatsResult {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  /** Open buffers the server tracks. */
  documents: number;
  folders: number;
  /** URIs with diagnostics currently published. */
  published: number;
  /** Source and text files held by the folders' sessions. */
  files: number;
  /** An analysis is scheduled or running in some folder. */
  busy: boolean;
}

/** `routeguard/status` (server → client): sent when an analysis starts and when it ends. */
export const STATUS_NOTIFICATION = 'routeguard/status';
export interface StatusParams {
  state: 'analyzing' | 'idle';
  /** Unsuppressed findings shown in the editor (after the minimum-severity setting), by severity. */
  counts: Record<SeverityName, number>;
  routes: number;
}

/** Settings under `routeguard.*` that the server reads (per workspace folder). */
export interface RgSettings {
  enable: boolean;
  /** Findings below this severity are not shown. */
  minimumSeverity: SeverityName;
  /** Rule ids turned off in the editor, on top of the project's config. */
  disabledRules: string[];
  /** A config file to use instead of routeguard.config.json / package.json#routeguard (relative to the folder). */
  configPath: string;
}

export const DEFAULT_SETTINGS: RgSettings = { enable: true, minimumSeverity: 'low', disabledRules: [], configPath: '' };

/** What the client may pass in `initializationOptions`. */
export interface RgInitializationOptions {
  /** Settings for clients without `workspace/configuration` (e.g. a plain Neovim setup). */
  settings?: Partial<RgSettings>;
  /** Client-side commands the server may attach to code actions. */
  clientCommands?: string[];
}

/** A client command that selects the reason placeholder of an inserted suppression comment. */
export const SELECT_SUPPRESSION_REASON_COMMAND = 'routeguard.selectSuppressionReason';

/** The reason written by the "suppress" quick-fix until the user replaces it. */
export const SUPPRESSION_REASON_PLACEHOLDER = 'TODO: explain why this is safe';
