/** The reporters: each turns an AnalysisResult into text; only the CLI decides where it goes. */
export { formatText, type Colors, type TextOptions } from './text';
export { formatJson, toJsonReport, type JsonReport } from './json';
export { formatSarif, toSarif } from './sarif';
export { formatRoutes, ROUTE_FORMATS, type RouteFormat } from './routes-table';
export { buildAccessMatrix, type AccessRow } from './access-matrix';
export { TOOL, type ToolInfo } from './tool';
