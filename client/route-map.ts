/**
 * The Route Map view: every route the server found, grouped by how it is guarded (public,
 * authenticated, role-checked); clicking a route opens its registration. The data comes from the
 * server's `routeguard/routes` request; this file only draws it.
 */
import * as vscode from 'vscode';
import type { AuthState, FolderRoutes, RouteInfo } from '../server/protocol';

const GROUPS: { state: AuthState; label: string; icon: string; color?: string }[] = [
  { state: 'public', label: 'Public', icon: 'unlock', color: 'list.warningForeground' },
  { state: 'authenticated', label: 'Authenticated', icon: 'lock' },
  { state: 'role-checked', label: 'Role-checked', icon: 'shield' },
];

type Node = { kind: 'folder'; folder: FolderRoutes } | { kind: 'group'; folder: FolderRoutes; state: AuthState } | { kind: 'route'; route: RouteInfo };

export class RouteMapProvider implements vscode.TreeDataProvider<Node> {
  private folders: FolderRoutes[] = [];
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** Shows a new route table. */
  set(folders: FolderRoutes[]): void {
    this.folders = folders;
    this.changed.fire(undefined);
  }

  get routeCount(): number {
    return this.folders.reduce((n, f) => n + f.routes.length, 0);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const withRoutes = this.folders.filter((f) => f.routes.length > 0);
      if (withRoutes.length === 0) return []; // the view's welcome content explains what to do
      if (withRoutes.length > 1) return withRoutes.map((folder) => ({ kind: 'folder', folder }));
      return this.groups(withRoutes[0]!);
    }
    if (node.kind === 'folder') return this.groups(node.folder);
    if (node.kind === 'group') return node.folder.routes.filter((r) => r.authState === node.state).map((route) => ({ kind: 'route', route }));
    return [];
  }

  private groups(folder: FolderRoutes): Node[] {
    return GROUPS.filter((g) => folder.routes.some((r) => r.authState === g.state)).map((g) => ({ kind: 'group', folder, state: g.state }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.folder.routes.length} routes`;
      item.iconPath = new vscode.ThemeIcon('root-folder');
      return item;
    }
    if (node.kind === 'group') {
      const group = GROUPS.find((g) => g.state === node.state)!;
      const count = node.folder.routes.filter((r) => r.authState === node.state).length;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${count} route${count === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(group.icon, group.color ? new vscode.ThemeColor(group.color) : undefined);
      item.contextValue = `routeguard.group.${node.state}`;
      return item;
    }
    const r = node.route;
    const item = new vscode.TreeItem(`${r.method} ${r.path}`, vscode.TreeItemCollapsibleState.None);
    item.description = r.summary.replace(/^(🔒|⚠|🔓)\s*/u, '');
    item.tooltip = tooltip(r);
    item.iconPath = r.findings > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('pass');
    item.contextValue = 'routeguard.route';
    const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
    item.command = { title: 'Open Registration', command: 'vscode.open', arguments: [vscode.Uri.parse(r.uri), { selection: range } satisfies vscode.TextDocumentShowOptions] };
    item.accessibilityInformation = { label: `${r.method} ${r.path}: ${item.description}${r.findings > 0 ? `, ${r.findings} findings` : ''}` };
    return item;
  }
}

function tooltip(r: RouteInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${r.method}** \`${r.path}\`\n\n`);
  md.appendMarkdown(`- Guard: ${r.guards.length > 0 ? r.guards.join(', ') : r.publicByDesign ? 'none (public by design)' : 'none'}\n`);
  md.appendMarkdown(`- Roles: ${r.roles.length > 0 ? r.roles.join(', ') : 'none'}\n`);
  md.appendMarkdown(`- Validated: ${r.validated ? 'yes' : 'no'} · Rate-limited: ${r.rateLimited ? 'yes' : 'no'}\n`);
  if (r.findings > 0) md.appendMarkdown(`- ${r.findings} RouteGuard finding${r.findings === 1 ? '' : 's'}\n`);
  if (r.certainty === 'partial') md.appendMarkdown('- Partly resolved\n');
  return md;
}
