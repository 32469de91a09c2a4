/**
 * The Node options the language server runs with: the VS Code extension starts it so, and the
 * protocol tests and the latency bench (test/lsp/lsp-client.ts) spawn it the same way. Another
 * editor's configuration should pass them too (`node --max-semi-space-size=64 dist/server.js
 * --stdio`); without them the server works the same, a little slower.
 *
 * A larger young generation: every keystroke re-extracts a file and re-links the route model,
 * allocating tens of megabytes, which V8's default 16 MB semi-spaces turn into a collection or two
 * per edit. Measured on the editor bench (alternating runs on one machine): a one-character edit's
 * median went from 47–52 ms (default) to 36–39 ms with 32 MB, and with 64 MB instead of 32 MB the
 * re-link and rules of the LSP bench's edit went from 21–23 ms to 18–19 ms. The cost is memory: the young
 * generation may grow to 128 MB instead of 32 MB. Not for the CLI: a one-shot run pays the memory
 * and gains less.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];
