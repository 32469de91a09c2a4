/**
 * The Node options the language server runs with: the VS Code extension starts it so, and the
 * protocol tests and the latency bench (test/lsp/lsp-client.ts) spawn it the same way. Another
 * editor's configuration should pass them too (`node --max-semi-space-size=32 dist/server.js
 * --stdio`); without them the server works the same, a little slower.
 *
 * A larger young generation: every keystroke re-extracts a file and re-links the route model,
 * allocating tens of megabytes, which V8's default 16 MB semi-spaces turn into a collection or two
 * per edit. With 32 MB the editor bench's one-character edit went from a median of 47–52 ms to
 * 36–39 ms (measured alternately on the same machine), for at most 32 MB more memory. Not for the
 * CLI: a one-shot run pays the memory and gains less (bench/results.md, November 2026).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=32'];
