/**
 * Entry point of dist/server.js. The transport comes from the command line, as every LSP client
 * passes it: `--stdio` (Neovim, the tests), `--node-ipc` (the VS Code extension) or `--socket=N`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { createStdioConnection } from './stdio';

startServer(process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all));
