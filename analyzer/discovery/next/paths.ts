/**
 * Next.js file-system routing: which files are route handlers and API routes, and the URL path each
 * one serves.
 *
 * Display form: paths keep Next's own bracket syntax (`/api/users/[id]`, `/docs/[...slug]`,
 * `/shop/[[...slug]]`), so `routeguard routes` shows what the developer sees in the file tree. The
 * shared route predicates treat a `[x]` segment as a parameter, like Express's `:x`.
 */

export type NextRouter = 'app' | 'pages';

/** A file that Next routes by its location. */
export interface RouteFile {
  /** The Next project root ('' or e.g. 'apps/web'), without a trailing slash. */
  root: string;
  router: NextRouter;
  /** The URL path served, before `basePath`. */
  path: string;
  /** Why the path is uncertain (an intercepting segment…), when it is. */
  note: string | undefined;
}

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const TEST_FILE = /(^|\/)__tests__\/|\.(test|spec)\.[a-z]+$/;

/**
 * Splits `file` at its routing folder: `<root>/(src/)?app/…` or `<root>/(src/)?pages/api/…`. The
 * first split whose root `isRoot` accepts wins, so `apps/web/src/app/api/x/route.ts` has root
 * `apps/web`.
 */
export function classifyRouteFile(file: string, isRoot: (root: string) => boolean): RouteFile | undefined {
  if (!SOURCE.test(file) || TEST_FILE.test(file) || file.endsWith('.d.ts')) return undefined;
  const segs = file.split('/');
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    if (seg !== 'app' && seg !== 'pages') continue;
    const rootSegs = segs.slice(0, i);
    if (rootSegs[rootSegs.length - 1] === 'src') rootSegs.pop();
    const root = rootSegs.join('/');
    if (!isRoot(root)) continue;
    const rest = segs.slice(i + 1);
    if (seg === 'app') {
      const last = rest[rest.length - 1]!;
      if (!/^route\.(ts|js|mjs|cjs|tsx|jsx|mts|cts)$/.test(last)) return undefined;
      const path = appRoutePath(rest.slice(0, -1));
      return path === undefined ? undefined : { root, router: 'app', path: path.path, note: path.note };
    }
    if (rest[0] !== 'api') return undefined;
    const path = pagesApiPath(rest);
    return path === undefined ? undefined : { root, router: 'pages', path, note: undefined };
  }
  return undefined;
}

/**
 * `app/(shop)/api/items/[id]/route.ts` → `/api/items/[id]`. Route groups `(x)` and parallel-route
 * slots `@x` leave the URL; a private folder `_x` (and everything below it) is not routed; `%5F`
 * stands for a literal underscore. Intercepting segments `(.)x` are kept by name with a note.
 */
export function appRoutePath(folders: readonly string[]): { path: string; note: string | undefined } | undefined {
  const out: string[] = [];
  let note: string | undefined;
  for (const folder of folders) {
    if (folder.startsWith('_')) return undefined;
    if (folder.startsWith('@')) continue;
    const intercept = /^\((\.{1,3}|\.\.\)\(\.\.)\)(.+)$/.exec(folder);
    if (intercept) {
      note = 'the route sits under an intercepting segment; its path is shown as written';
      out.push(intercept[2]!);
      continue;
    }
    if (folder.startsWith('(') && folder.endsWith(')')) continue;
    out.push(folder.replace(/%5F/gi, '_'));
  }
  return { path: `/${out.join('/')}`, note };
}

/** `pages/api/users/[id].ts` → `/api/users/[id]`; `index` files serve their folder. */
export function pagesApiPath(rest: readonly string[]): string | undefined {
  const parts = [...rest];
  const last = parts.pop()!.replace(SOURCE, '');
  if (last !== 'index') parts.push(last);
  return `/${parts.join('/')}`;
}

/** `basePath` + route path, the way Next joins them (no trailing slash; `/` alone becomes the base). */
export function withBasePath(basePath: string, path: string): string {
  if (!basePath) return path;
  return path === '/' ? basePath : `${basePath}${path}`;
}

/**
 * Concrete sample URLs for a route path, to test matchers and path conditions: `[id]` becomes a
 * plain value, `[...slug]` one segment, and `[[...slug]]` both with and without its segment.
 */
export function samplePaths(path: string): string[] {
  const segs = path.split('/').filter(Boolean);
  let variants: string[][] = [[]];
  for (const seg of segs) {
    if (/^\[\[\.\.\..+\]\]$/.test(seg)) {
      variants = variants.flatMap((v) => [v, [...v, 'x1']]);
    } else if (/^\[.+\]$/.test(seg)) {
      variants = variants.map((v) => [...v, 'x1']);
    } else {
      variants = variants.map((v) => [...v, seg]);
    }
  }
  return [...new Set(variants.map((v) => `/${v.join('/')}`))];
}
