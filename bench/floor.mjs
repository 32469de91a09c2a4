// The parse-only floor: list and read every source file under a folder and give each to
// TypeScript's createSourceFile, keeping every tree alive (as a naive analyzer would). Run as a
// whole process, exactly like `routeguard analyze`, so the two are comparable.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git']);

function list(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) list(path.join(dir, entry.name), out);
    } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path.join(dir, entry.name));
  }
  return out;
}

const root = process.argv[2];
const trees = [];
for (const file of list(root, [])) {
  const text = fs.readFileSync(file, 'utf8');
  trees.push(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
}
process.stdout.write(`${trees.length}\n`);
