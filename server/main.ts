/**
 * Entry point of dist/server.js. The transport comes from the command line, as every LSP client
 * passes it: `--stdio` (Neovim, the tests), `--node-ipc` (the VS Code extension) or `--socket=N`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
