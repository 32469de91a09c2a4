/** Renders the access matrix as an aligned table, Markdown, JSON or CSV (RFC 4180). */
import type { AnalysisResult } from '../engine/result';
import { buildAccessMatrix, type AccessRow, type Control } from './access-matrix';
import { alignColumns } from './columns';
import { oneLine } from './sanitize';
import { TOOL, type ToolInfo } from './tool';

export const ROUTE_FORMATS = ['table', 'md', 'json', 'csv'] as const;
export type RouteFormat = (typeof ROUTE_FORMATS)[number];

export const ROUTE_COLUMNS = ['method', 'path', 'location', 'auth', 'roles', 'validation', 'rate limit', 'framework', 'certainty'] as const;

/** Shown after `auth` when some route is a Next.js route: what middleware.ts/proxy.ts does for it. */
const MIDDLEWARE_COLUMN = 'middleware';

function columnsFor(rows: readonly AccessRow[]): string[] {
  if (!rows.some((r) => r.middleware !== undefined)) return [...ROUTE_COLUMNS];
  const cols: string[] = [...ROUTE_COLUMNS];
  cols.splice(cols.indexOf('auth') + 1, 0, MIDDLEWARE_COLUMN);
  return cols;
}

function cellsFor(row: AccessRow, withMiddleware: boolean): string[] {
  const cells = rowCells(row);
  if (withMiddleware) cells.splice(ROUTE_COLUMNS.indexOf('auth') + 1, 0, row.middleware ?? '');
  return cells;
}

function describe(c: Control, when: { none: string; yes?: string }): string {
  const what = c.middleware.length > 0 ? c.middleware.join(', ') : c.inHandler ? 'in handler' : undefined;
  if (what === undefined) return when.none;
  return when.yes ? `${when.yes}: ${what}` : what;
}

/** The cells of one row, as the table, Markdown and CSV formats show them. */
export function rowCells(row: AccessRow): string[] {
  return [
    row.method,
    row.path,
    `${row.file}:${row.line}`,
    describe(row.auth, { none: 'public' }),
    describe(row.roles, { none: 'none' }),
    describe(row.validation, { none: 'no', yes: 'yes' }),
    describe(row.rateLimit, { none: 'none' }),
    row.framework,
    row.certainty,
  ];
}

export function formatRoutes(result: AnalysisResult, format: RouteFormat, tool: ToolInfo = TOOL): string {
  const rows = buildAccessMatrix(result);
  switch (format) {
    case 'table':
      return formatTable(rows);
    case 'md':
      return formatMarkdown(rows);
    case 'json':
      return JSON.stringify({ version: 1, tool: { name: tool.name, version: tool.version }, root: '.', routes: rows }, null, 2) + '\n';
    case 'csv':
      return formatCsv(rows);
  }
}

function formatTable(rows: readonly AccessRow[]): string {
  if (rows.length === 0) return 'No routes found.\n';
  const columns = columnsFor(rows);
  const header = columns.map((c) => c.toUpperCase());
  const body = rows.map((r) => cellsFor(r, columns.length > ROUTE_COLUMNS.length).map(oneLine));
  return alignColumns([header, ...body]).join('\n') + '\n';
}

/** Pipes would end a cell and backticks/asterisks would format it; newlines would end the row. */
function markdownCell(text: string): string {
  return oneLine(text).replace(/[\\|`*_[\]<>]/g, (ch) => `\\${ch}`);
}

function formatMarkdown(rows: readonly AccessRow[]): string {
  const columns = columnsFor(rows);
  const lines = [`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${cellsFor(r, columns.length > ROUTE_COLUMNS.length).map(markdownCell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/** RFC 4180 §2: quote fields holding a comma, quote or line break; double the quotes inside. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function formatCsv(rows: readonly AccessRow[]): string {
  const columns = columnsFor(rows);
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(cellsFor(r, columns.length > ROUTE_COLUMNS.length).map(csvField).join(','));
  // RFC 4180 §2.1 ends records with CRLF.
  return lines.join('\r\n') + '\r\n';
}
