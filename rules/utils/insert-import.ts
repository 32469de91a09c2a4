/**
 * Edits that make a name available in a file: an ESM import or a CommonJS require, matching the
 * style the file already uses. Pure: computed from file facts only.
 */
import path from 'node:path';
import type { FileFacts } from '../../analyzer/model/ir';
import type { TextEdit } from '../../analyzer/model/finding';

/** True when `name` is already bound at the top level of the file (import, declaration or function). */
export function isBoundAtTopLevel(facts: FileFacts, name: string): boolean {
  let names = topLevelNames.get(facts);
  if (!names) {
    names = new Set<string>();
    for (const i of facts.imports) for (const b of i.bindings) names.add(b.local);
    for (const d of facts.decls) if (d.fn === -1) for (const n of d.names) names.add(n.name);
    for (const f of facts.functions) if (f.kind === 'declaration' && f.parent === -1 && f.name !== undefined) names.add(f.name);
    topLevelNames.set(facts, names);
  }
  return names.has(name);
}

// Fixes ask for every finding of a file: the names are collected once per file.
const topLevelNames = new WeakMap<FileFacts, Set<string>>();

/**
 * The specifier to import `targetFile` from `fromFile`, in the style of the file's other relative
 * imports. A JavaScript file written as an ES module gets the real extension even when it has no
 * other relative import to copy: Node's ESM loader rejects extensionless relative specifiers.
 */
export function relativeSpecifier(facts: FileFacts, fromFile: string, targetFile: string): string {
  let rel = path.posix.relative(path.posix.dirname(fromFile), targetFile);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const relativeImports = facts.imports.filter((i) => i.source.startsWith('.'));
  const usesJsExtension = relativeImports.some((i) => /\.(m|c)?js$/.test(i.source));
  const withoutExt = rel.replace(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, '');
  const esmJavaScript = /\.(m?js|jsx)$/.test(fromFile) && facts.imports.some((i) => i.kind === 'esm') && !facts.imports.some((i) => i.kind === 'require');
  if (esmJavaScript && relativeImports.length === 0 && /\.(m|c)?js$/.test(targetFile)) return rel;
  if (usesJsExtension) return `${withoutExt}.js`;
  return withoutExt.replace(/\/index$/, '');
}

/**
 * An edit adding `import { name } from 'source'` (or `const { name } = require('source')` in a
 * CommonJS file) after the file's last import, or at its top.
 */
export function addNamedImport(facts: FileFacts, file: string, name: string, source: string, kind: 'named' | 'default' = 'named'): TextEdit {
  const commonJs = facts.imports.length > 0 ? facts.imports.every((i) => i.kind === 'require') : facts.exports.some((e) => e.kind === 'commonjs');
  const binding = kind === 'named' ? `{ ${name} }` : name;
  const line = commonJs ? `const ${binding} = require('${source}');` : `import ${binding} from '${source}';`;
  const last = [...facts.imports].filter((i) => i.kind !== 'dynamic').sort((a, b) => a.span.end - b.span.end).pop();
  if (last) {
    // Insert after the whole statement (the `;` if present, else the line end).
    return { file, start: last.span.end, end: last.span.end, text: `\n${line}` };
  }
  return { file, start: 0, end: 0, text: `${line}\n` };
}
