/**
 * Text edits on object literals, for quick-fixes that add or change options (`{ httpOnly: true }`,
 * `origin: [...]`). They keep the object's own layout: one line stays one line, a multi-line object
 * gets one property per line at the indentation of its last property, and a trailing comma stays.
 */
import type { Expr, ObjProp } from '../../analyzer/model/ir';
import type { TextEdit } from '../../analyzer/model/finding';

type ObjExpr = Extract<Expr, { k: 'obj' }>;

/** An edit adding `props` (source text such as `httpOnly: true`) at the end of `obj`. */
export function addPropsEdit(text: string, file: string, obj: ObjExpr, props: readonly string[]): TextEdit | undefined {
  const close = obj.span.end - 1;
  if (text[obj.span.start] !== '{' || text[close] !== '}') return undefined;
  const last = obj.props[obj.props.length - 1];
  if (!last) return { file, start: obj.span.start, end: obj.span.end, text: `{ ${props.join(', ')} }` };
  const between = text.slice(last.span.end, close);
  const comma = /^\s*,/.exec(between);
  const multiline = text.slice(obj.span.start, last.span.start).includes('\n');
  if (multiline) {
    const lineStart = text.lastIndexOf('\n', last.span.start) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, last.span.start))![0];
    if (comma) return { file, start: last.span.end + comma[0].length, end: last.span.end + comma[0].length, text: props.map((p) => `\n${indent}${p},`).join('') };
    return { file, start: last.span.end, end: last.span.end, text: `,${props.map((p) => `\n${indent}${p}`).join(',')}` };
  }
  if (comma) return { file, start: last.span.end + comma[0].length, end: last.span.end + comma[0].length, text: ` ${props.join(', ')},` };
  return { file, start: last.span.end, end: last.span.end, text: `, ${props.join(', ')}` };
}

/** An edit replacing a property's value; a method (`origin(o, cb) {…}`) is replaced whole by `key: value`. */
export function replacePropValueEdit(file: string, prop: ObjProp, value: string): TextEdit {
  if (prop.shorthand || prop.value.span.start === prop.span.start) return { file, start: prop.span.start, end: prop.span.end, text: `${prop.key}: ${value}` };
  return { file, start: prop.value.span.start, end: prop.value.span.end, text: value };
}

/** An edit removing a property with its comma, so the object stays well formed. */
export function removePropEdit(text: string, file: string, obj: ObjExpr, prop: ObjProp): TextEdit {
  const index = obj.props.indexOf(prop);
  const next = obj.props[index + 1];
  if (next) return { file, start: prop.span.start, end: next.span.start, text: '' };
  const prev = obj.props[index - 1];
  if (prev) {
    // Remove from the end of the previous property: its comma and the line break go with it.
    const after = text.slice(prop.span.end, obj.span.end - 1);
    const trailing = /^\s*,/.exec(after);
    return { file, start: prev.span.end, end: prop.span.end + (trailing ? trailing[0].length : 0), text: trailing ? ',' : '' };
  }
  return { file, start: obj.span.start, end: obj.span.end, text: '{}' };
}
