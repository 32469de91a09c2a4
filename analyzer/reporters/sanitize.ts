/**
 * Strings from the analyzed project (paths, route paths, middleware names, messages) end up in a
 * terminal. Control characters are escaped so that a hostile file name cannot move the cursor,
 * rewrite earlier lines or hide a finding with ANSI sequences, and each value stays on one line.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function oneLine(text: string): string {
  return text.replace(CONTROL, (ch) => (ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
