/**
 * Errors the CLI turns into a one-line message and exit code 2. Anything else that escapes is a
 * bug, reported as such (still on one line) by the CLI's last-resort handler.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
