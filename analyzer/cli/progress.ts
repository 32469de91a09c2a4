/** A one-line progress indicator on stderr, only on an interactive terminal and outside CI. */
import type { CliDeps } from './deps';

export interface Progress {
  update(done: number, total: number): void;
  clear(): void;
}

const NONE: Progress = { update() {}, clear() {} };
const INTERVAL_MS = 100;

export function createProgress(deps: Pick<CliDeps, 'stderr' | 'env'>, label: string): Progress {
  if (!deps.stderr.isTTY || deps.env.CI) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < INTERVAL_MS && done < total) return;
      last = now;
      shown = true;
      deps.stderr.write(`\r\u001b[K${label} ${done}/${total} files`);
    },
    clear() {
      if (shown) deps.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
