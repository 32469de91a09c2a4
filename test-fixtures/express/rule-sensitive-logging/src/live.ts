import { logger } from './logger';

interface Socket {
  on(event: 'message', listener: (request: string) => void): void;
}

export function onConnect(socket: Socket): void {
  socket.on('message', (request) => {
    // expect-none: sensitive-logging -- a WebSocket message named request, not an HTTP request
    logger.verbose('Request: %j', request);
  });
}
