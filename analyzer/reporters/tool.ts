/** Who produced a report: written into JSON and SARIF output. */
import { version } from '../../package.json';
import { DOCS_BASE } from '../../rules/utils/define-rule';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

export const TOOL: ToolInfo = {
  name: 'RouteGuard',
  version,
  informationUri: DOCS_BASE.replace(/\/blob\/.*$/, ''),
};
