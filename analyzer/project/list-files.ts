/**
 * Project loading, step one: which files belong to the project.
 *
 * Symbolic links are never followed (a link out of the root or a link loop cannot widen or hang the
 * run); node_modules, build output and `.gitignore`d paths are excluded; when the root has a
 * tsconfig.json or jsconfig.json its `include`/`exclude`/`files` decide which sources are in.
 */
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import ts from 'typescript';
import type { Problem } from '../model/route-model';
import type { PathAlias } from '../discovery/project-index';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Folders that never hold the project's own server code. */
export const ALWAYS_EXCLUDED_DIRS = ['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.turbo', '.vercel', '.output', '.nuxt', '.svelte-kit', '.cache'];

/** Non-source text files worth a secret scan: env files, config, containers, CI. */
const TEXT_FILE_GLOBS = [
  '**/.env',
  '**/.env.*',
  '**/*.json',
  '**/*.yml',
  '**/*.yaml',
  '**/*.toml',
  '**/*.ini',
  '**/*.properties',
  '**/*.conf',
  '**/*.pem',
  '**/*.key',
  '**/*.sh',
  '**/.npmrc',
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.dockerfile',
  '**/docker-compose*.yml',
  '**/.github/workflows/*',
  '**/.gitlab-ci.yml',
];

export interface ListedFiles {
  /** Project-relative POSIX paths of source files to analyze. */
  sources: string[];
  /** Project-relative POSIX paths of other text files (secret scan only). */
  textFiles: string[];
  /** `compilerOptions.paths` of the root tsconfig, project-relative. */
  aliases: PathAlias[];
  problems: Problem[];
}

export interface ListOptions {
  include?: string[];
  exclude?: string[];
  maxFiles?: number;
}

export function isMinifiedName(file: string): boolean {
  return /\.min\.(c|m)?js$/i.test(file) || /[.-]bundle\.(c|m)?js$/i.test(file);
}

export function listProjectFiles(root: string, options: ListOptions = {}): ListedFiles {
  const problems: Problem[] = [];
  const ignoreDirs = ALWAYS_EXCLUDED_DIRS.map((d) => `**/${d}/**`);
  const userExclude = options.exclude ?? [];
  const all = fg.sync('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...ignoreDirs, ...userExclude],
    suppressErrors: true,
    unique: true,
  });
  // fast-glob yields symlinked files as files; drop them so nothing outside the root is read.
  const files = all.filter((f) => !isSymlink(path.join(root, f))).sort();
  const gitignored = buildGitignoreFilter(root, files);
  const kept = files.filter((f) => !gitignored(f));

  let sources = kept.filter((f) => SOURCE_EXTENSIONS.includes(path.extname(f).toLowerCase()) && !f.endsWith('.d.ts') && !isMinifiedName(f));
  const aliases: PathAlias[] = [];
  sources = applyTsconfig(root, sources, problems, aliases);
  aliases.push(...packageImportAliases(root));
  if (options.include && options.include.length > 0) {
    const included = new Set(fg.sync(options.include, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true }));
    sources = sources.filter((f) => included.has(f));
  }
  const textMatcher = ignore().add(TEXT_FILE_GLOBS.map((g) => g.replace(/^\*\*\//, '')));
  const textFiles = kept.filter((f) => !SOURCE_EXTENSIONS.includes(path.extname(f).toLowerCase()) && textMatcher.ignores(f) && !/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(f));

  const maxFiles = options.maxFiles ?? 50_000;
  if (sources.length > maxFiles) {
    problems.push({ file: undefined, span: undefined, kind: 'limit', message: `${sources.length} source files exceed the file-count cap (${maxFiles}); only the first ${maxFiles} were analyzed` });
    sources = sources.slice(0, maxFiles);
  }
  return { sources, textFiles, aliases, problems };
}

function isSymlink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return true;
  }
}

/** Honours the root `.gitignore` and nested ones, each relative to its own folder. */
function buildGitignoreFilter(root: string, files: string[]): (file: string) => boolean {
  const matchers: { dir: string; ig: Ignore }[] = [];
  for (const f of files) {
    if (path.posix.basename(f) !== '.gitignore') continue;
    try {
      const dir = path.posix.dirname(f);
      matchers.push({ dir: dir === '.' ? '' : `${dir}/`, ig: ignore().add(fs.readFileSync(path.join(root, f), 'utf8')) });
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  if (matchers.length === 0) return () => false;
  return (file) => matchers.some(({ dir, ig }) => file.startsWith(dir) && ig.ignores(file.slice(dir.length)));
}

interface TsInternals {
  matchFiles?: (
    path: string,
    extensions: readonly string[],
    excludes: readonly string[] | undefined,
    includes: readonly string[] | undefined,
    useCaseSensitiveFileNames: boolean,
    currentDirectory: string,
    depth: number | undefined,
    getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
    realpath: (path: string) => string,
  ) => string[];
}

/**
 * Filters `sources` through the root tsconfig.json/jsconfig.json. The config is parsed by
 * TypeScript itself, but directory reads are answered from our own listing, so the config's
 * globs can neither follow a symlink nor leave the root.
 */
function applyTsconfig(root: string, sources: string[], problems: Problem[], aliases: PathAlias[]): string[] {
  const configName = ['tsconfig.json', 'jsconfig.json'].find((n) => fs.existsSync(path.join(root, n)));
  if (!configName) return sources;
  const absRoot = path.resolve(root).split(path.sep).join('/');
  const tree = new Map<string, { files: string[]; directories: Set<string> }>();
  const entry = (dir: string) => {
    let e = tree.get(dir);
    if (!e) tree.set(dir, (e = { files: [], directories: new Set() }));
    return e;
  };
  for (const f of sources) {
    const parts = f.split('/');
    let dir = absRoot;
    for (let i = 0; i < parts.length - 1; i++) {
      entry(dir).directories.add(parts[i]!);
      dir = `${dir}/${parts[i]}`;
    }
    entry(dir).files.push(parts[parts.length - 1]!);
  }
  const matchFiles = (ts as unknown as TsInternals).matchFiles;
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    fileExists: (p) => fs.existsSync(p),
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDirectory: (dir, extensions, excludes, includes, depth) => {
      if (!matchFiles) return sources.map((f) => `${absRoot}/${f}`);
      return matchFiles(dir, extensions ?? [], excludes, includes, true, absRoot, depth, (d) => {
        const e = tree.get(d.replace(/\/$/, ''));
        return { files: e?.files ?? [], directories: e ? [...e.directories] : [] };
      }, (p) => p);
    },
  };
  const configPath = `${absRoot}/${configName}`;
  const read = ts.readConfigFile(configPath, host.readFile);
  if (read.error) {
    problems.push({ file: configName, span: undefined, kind: 'config', message: `${configName} could not be read (${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}); every source file under the root is analyzed` });
    return sources;
  }
  // Users' configs often carry options TypeScript 6 deprecates; they must not stop file listing.
  const parsed = ts.parseJsonConfigFileContent(read.config, host, absRoot, { allowJs: true, ignoreDeprecations: '6.0' }, configPath, undefined, [
    { extension: '.js', isMixedContent: false, scriptKind: ts.ScriptKind.JS },
    { extension: '.jsx', isMixedContent: false, scriptKind: ts.ScriptKind.JSX },
    { extension: '.mjs', isMixedContent: false, scriptKind: ts.ScriptKind.JS },
    { extension: '.cjs', isMixedContent: false, scriptKind: ts.ScriptKind.JS },
  ]);
  const baseDir = parsed.options.baseUrl ?? (parsed.options as { pathsBasePath?: string }).pathsBasePath ?? absRoot;
  for (const [pattern, targets] of Object.entries(parsed.options.paths ?? {})) {
    aliases.push({ pattern, targets: targets.map((t) => path.posix.relative(absRoot, path.posix.join(String(baseDir).split(path.sep).join('/'), t)) || '.') });
  }
  const selected = new Set(parsed.fileNames.map((f) => path.posix.relative(absRoot, f.split(path.sep).join('/'))));
  if (selected.size === 0) {
    // A config whose globs match nothing (a solution-style tsconfig with only `references`)
    // says nothing about which files hold the server: analyze them all.
    return sources;
  }
  return sources.filter((f) => selected.has(f));
}

/**
 * Node's subpath imports (`"imports": { "#src/*": "./src/*.js" }` in package.json) are aliases
 * like tsconfig `paths`. Conditional targets use their `default` (or first) branch.
 */
function packageImportAliases(root: string): PathAlias[] {
  let pkg: unknown;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return [];
  }
  const imports = pkg && typeof pkg === 'object' ? (pkg as { imports?: unknown }).imports : undefined;
  if (!imports || typeof imports !== 'object') return [];
  const out: PathAlias[] = [];
  for (const [pattern, target] of Object.entries(imports as Record<string, unknown>)) {
    const resolved = pickTarget(target, 0);
    if (!pattern.startsWith('#') || resolved === undefined || !resolved.startsWith('./')) continue;
    // Targets name built files ('./dist/x.js') as often as sources; resolution tries .ts for .js.
    out.push({ pattern, targets: [path.posix.normalize(resolved)] });
  }
  return out;
}

function pickTarget(target: unknown, depth: number): string | undefined {
  if (typeof target === 'string') return target;
  if (!target || typeof target !== 'object' || depth > 4) return undefined;
  const conditions = target as Record<string, unknown>;
  for (const key of ['default', 'node', 'import', 'require']) {
    const found = pickTarget(conditions[key], depth + 1);
    if (found) return found;
  }
  for (const value of Object.values(conditions)) {
    const found = pickTarget(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}
