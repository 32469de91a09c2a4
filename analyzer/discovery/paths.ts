/** URL path helpers shared by every framework's discovery. */

/** Joins a mount prefix and a route path the way routers do: one slash between, none trailing. */
export function joinPaths(prefix: string, path: string): string {
  const a = prefix.replace(/\/+$/, '');
  const b = path === '/' || path === '' ? '' : path.startsWith('/') ? path : `/${path}`;
  const joined = `${a}${b}`;
  return joined === '' ? '/' : joined;
}

/** Splits a path into segments, treating `:param`, `*` and `[param]` as wildcards. */
function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function isWildcard(segment: string): boolean {
  return segment.startsWith(':') || segment === '*' || segment.startsWith('[') || segment.startsWith('{') || segment.startsWith('(');
}

/** True when `path` is `prefix` itself or below it, segment by segment (`/admin` covers `/admin/x`, not `/administrator`). */
export function pathIsUnder(path: string, prefix: string): boolean {
  const p = segments(path);
  const q = segments(prefix);
  if (q.length > p.length) return false;
  return q.every((s, i) => s === p[i] || isWildcard(s) || isWildcard(p[i]!));
}
