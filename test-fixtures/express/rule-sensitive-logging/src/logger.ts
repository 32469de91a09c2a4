import pino from 'pino';

export const logger = pino({ level: 'info' });

export function redact(value: unknown): string {
  return value === undefined ? 'none' : '[redacted]';
}

export const audit = {
  record(event: string, data: Record<string, unknown>): void {
    logger.info({ event, ...data }, 'audit');
  },
};
