import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { PipeMessageWriter } from '../../server/stdio';

describe('PipeMessageWriter', () => {
  it('frames messages as the LSP base protocol, with the body length in bytes, in the order sent', async () => {
    const pipe = new PassThrough();
    const writer = new PipeMessageWriter(pipe);
    const reader = new StreamMessageReader(pipe);
    const received: Message[] = [];
    const done = new Promise<void>((resolve) => reader.listen((msg) => (received.push(msg), received.length === 3 && resolve())));
    const sent: Message[] = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.ts', diagnostics: [{ message: 'Route « /admin » has no guard — ✗' }] } } as Message,
      { jsonrpc: '2.0', id: 1, result: null } as Message,
      { jsonrpc: '2.0', method: 'routeguard/status', params: { state: 'idle' } } as Message,
    ];
    for (const msg of sent) await writer.write(msg);
    await done;
    expect(received).toEqual(sent);
  }, 5_000);

  it('writes each message before write() returns, not on a later turn of the event loop', () => {
    const pipe = new PassThrough();
    const writer = new PipeMessageWriter(pipe);
    void writer.write({ jsonrpc: '2.0', method: 'x' } as Message);
    expect(pipe.read()?.toString()).toBe('Content-Length: 30\r\n\r\n{"jsonrpc":"2.0","method":"x"}');
  });
});
