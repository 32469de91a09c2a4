/**
 * The fixture apps under test-fixtures/: every top-most directory holding a package.json (nested
 * ones belong to their app), in name order, narrowed by `RG_FIXTURES=express/foo,next` (apps whose
 * path under test-fixtures starts with one of the prefixes).
 */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../test-fixtures');

export function findAppRoots(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (fs.existsSync(path.join(abs, 'package.json'))) out.push(abs);
    else findAppRoots(abs, out);
  }
  return out;
}

/** Absolute app roots, filtered by RG_FIXTURES. */
export function fixtureApps(): string[] {
  const roots = findAppRoots(FIXTURES);
  const prefixes = process.env.RG_FIXTURES?.split(',').map((p) => p.trim().replace(/\/+$/, '')).filter(Boolean);
  if (!prefixes || prefixes.length === 0) return roots;
  return roots.filter((root) => {
    const rel = path.relative(FIXTURES, root).split(path.sep).join('/');
    return prefixes.some((p) => rel.startsWith(p));
  });
}
