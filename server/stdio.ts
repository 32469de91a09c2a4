/**
 * The `--stdio` transport (Neovim, the protocol tests, the benches), with a writer that hands each
 * message to the pipe when it is sent.
 *
 * vscode-jsonrpc's StreamMessageWriter runs each write behind a setImmediate (its write
 * semaphore), so a message waits for whatever the event loop runs first. After an analysis that
 * is, on every other edit, the young-generation collection V8 scheduled as a task during the run:
 * 10-15 ms between the publication and the client (bench/lsp-latency.ts showed it as a gap between
 * the server's "published" log line and the client's receipt). The IPC transport that VS Code
 * uses (IPCMessageWriter) already sends at once.
 */
import { Console } from 'node:console';
import { AbstractMessageWriter, createConnection, ProposedFeatures, type Connection, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/** LSP base protocol framing (a Content-Length header, then the JSON body in UTF-8), written in one call. */
export class PipeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    try {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      this.stream.write(Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]));
      return Promise.resolve();
    } catch (error) {
      this.fireError(error as Error, msg);
      return Promise.reject(error);
    }
  }

  end(): void {
    this.stream.end();
  }
}

export function createStdioConnection(): Connection {
  // stdin goes in as the stream itself: createConnection then wraps it in its reader and, as for
  // `--stdio`, exits when it closes (with 0 after a shutdown request). Its typings have no overload
  // for a stream with a writer, the code takes either for either.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new PipeMessageWriter(process.stdout));
  // stdout carries the protocol: console output of any module goes to stderr, which clients log.
  // (createConnection does the like for `--stdio` only when it opens the streams itself.)
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  return connection;
}
