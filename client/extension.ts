/**
 * The RouteGuard VS Code extension: a thin client. It starts the language server (dist/server.js),
 * and adds what LSP has no words for: the commands, the status bar item and the Route Map view.
 * Every fact it shows comes from the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ANALYZE_REQUEST,
  ROUTES_REQUEST,
  SARIF_REQUEST,
  SELECT_SUPPRESSION_REASON_COMMAND,
  STATUS_NOTIFICATION,
  SUPPRESSION_REASON_PLACEHOLDER,
  type AnalyzeResult,
  type RgInitializationOptions,
  type RoutesResult,
  type SarifResult,
  type StatusParams,
} from '../server/protocol';
import { RouteMapProvider } from './route-map';
import { SERVER_NODE_OPTIONS } from '../server/node-options';

const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
const ROUTE_MAP_VIEW = 'routeguard.routeMap';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: { configurationSection: 'routeguard' },
    initializationOptions: { clientCommands: [SELECT_SUPPRESSION_REASON_COMMAND] } satisfies RgInitializationOptions,
  };
  // The id 'routeguard' makes the client honour the `routeguard.trace.server` setting.
  const lc = new LanguageClient('routeguard', 'RouteGuard', serverOptions, clientOptions);
  client = lc;

  const status = vscode.window.createStatusBarItem('routeguard.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'RouteGuard';
  status.command = 'workbench.actions.view.problems';
  showStatus(status, { state: 'analyzing', counts: { critical: 0, high: 0, medium: 0, low: 0 }, routes: 0 });
  status.show();

  // The Route Map view (in the Explorer) is shown once the extension runs: see `when` in package.json.
  await vscode.commands.executeCommand('setContext', 'routeguard.active', true);
  const routeMap = new RouteMapProvider();
  const view = vscode.window.createTreeView(ROUTE_MAP_VIEW, { treeDataProvider: routeMap, showCollapseAll: true });
  let routesStale = true;
  const refreshRoutes = async () => {
    routesStale = false;
    const result = await lc.sendRequest<RoutesResult>(ROUTES_REQUEST, {});
    routeMap.set(result.folders);
    view.message = routeMap.routeCount > 0 ? undefined : 'No routes found in this workspace.';
  };
  const refreshQuietly = () => void refreshRoutes().catch((e) => lc.error('route map', e, false));

  context.subscriptions.push(
    status,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible && routesStale) refreshQuietly();
    }),
    lc.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => {
      showStatus(status, params);
      if (params.state !== 'idle') return;
      routesStale = true;
      if (view.visible) refreshQuietly();
    }),
    lc.onDidChangeState((e) => {
      if (e.newState === State.Stopped) {
        status.text = '$(error) RouteGuard';
        status.tooltip = 'The RouteGuard server stopped. See the RouteGuard output channel.';
      }
    }),
    vscode.commands.registerCommand('routeguard.analyzeWorkspace', async () => {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'RouteGuard: analyzing' }, () => lc.sendRequest<AnalyzeResult>(ANALYZE_REQUEST));
      void vscode.window.showInformationMessage(`RouteGuard analyzed ${result.files} files: ${result.routes} routes, ${result.findings} findings (${(result.durationMs / 1000).toFixed(1)} s).`);
    }),
    vscode.commands.registerCommand('routeguard.showRouteMap', async () => {
      await vscode.commands.executeCommand(`${ROUTE_MAP_VIEW}.focus`);
      await refreshRoutes();
    }),
    vscode.commands.registerCommand('routeguard.exportSarif', () => exportSarif(lc)),
    vscode.commands.registerCommand(SELECT_SUPPRESSION_REASON_COMMAND, selectSuppressionReason),
  );

  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function showStatus(item: vscode.StatusBarItem, params: StatusParams): void {
  const { critical, high, medium, low } = params.counts;
  const blocking = critical + high;
  if (params.state === 'analyzing') {
    item.text = `$(sync~spin) RouteGuard${blocking > 0 ? ` ${blocking}` : ''}`;
    item.tooltip = 'RouteGuard is analyzing the workspace…';
    item.backgroundColor = undefined;
    return;
  }
  item.text = blocking > 0 ? `$(shield) ${critical > 0 ? `${critical} critical · ` : ''}${high} high` : '$(shield) RouteGuard';
  item.tooltip = `RouteGuard: ${critical} critical, ${high} high, ${medium} medium, ${low} low findings on ${params.routes} routes. Click to open the Problems panel.`;
  item.backgroundColor = critical > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : high > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
}

async function exportSarif(lc: LanguageClient): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Export the findings of which folder?' }) : folders[0];
  if (!folder) {
    if (folders.length === 0) void vscode.window.showWarningMessage('RouteGuard: open a folder to export its findings.');
    return;
  }
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, 'routeguard.sarif'), filters: { SARIF: ['sarif', 'json'] }, title: 'Export RouteGuard findings as SARIF' });
  if (!target) return;
  const result = await lc.sendRequest<SarifResult>(SARIF_REQUEST, { folderUri: folder.uri.toString() });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.sarif));
  const choice = await vscode.window.showInformationMessage(`RouteGuard exported ${result.findings} findings to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (choice === 'Open') await vscode.window.showTextDocument(target);
}

/** Runs after the "suppress" quick-fix: selects the reason placeholder so that typing replaces it. */
async function selectSuppressionReason(uri: string, line: number): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === vscode.Uri.parse(uri).toString());
  if (!editor || line >= editor.document.lineCount) return;
  const text = editor.document.lineAt(line).text;
  const at = text.indexOf(SUPPRESSION_REASON_PLACEHOLDER);
  if (at < 0) return;
  editor.selection = new vscode.Selection(line, at, line, at + SUPPRESSION_REASON_PLACEHOLDER.length);
  editor.revealRange(editor.selection);
}
