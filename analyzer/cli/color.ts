/**
 * Whether to colour the text report. https://no-color.org: a non-empty NO_COLOR turns colour off;
 * FORCE_COLOR (other than 0/false) turns it on even without a terminal; otherwise colour only on a
 * TTY. picocolors' own detection also enables colour on CI and for `--color` in argv, which we do not want.
 */
export function shouldUseColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY === true && env.TERM !== 'dumb';
}
