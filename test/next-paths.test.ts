/**
 * Next.js path machinery: file → route path, sample paths for dynamic segments, and the
 * path-to-regexp 6 subset that middleware matchers and Clerk's createRouteMatcher use. Everything
 * else about Next discovery is tested through the fixture apps under test-fixtures/next/.
 */
import { describe, expect, it } from 'vitest';
import { classifyRouteFile, samplePaths, withBasePath } from '../analyzer/discovery/next/paths';
import { matchesPathPattern } from '../analyzer/discovery/next/path-pattern';

describe('route files', () => {
  const any = () => true;
  it.each([
    ['app/api/users/route.ts', '/api/users', 'app'],
    ['app/(shop)/api/cart/[id]/route.ts', '/api/cart/[id]', 'app'],
    ['src/app/api/docs/[...slug]/route.js', '/api/docs/[...slug]', 'app'],
    ['app/api/files/[[...path]]/route.ts', '/api/files/[[...path]]', 'app'],
    ['app/@modal/api/preview/route.ts', '/api/preview', 'app'],
    ['app/api/%5Fmeta/route.ts', '/api/_meta', 'app'],
    ['app/route.ts', '/', 'app'],
    ['pages/api/users/[id].ts', '/api/users/[id]', 'pages'],
    ['pages/api/projects/index.ts', '/api/projects', 'pages'],
    ['src/pages/api/hello.js', '/api/hello', 'pages'],
    ['apps/web/src/app/api/x/route.ts', '/api/x', 'app'],
  ])('%s → %s', (file, path, router) => {
    const found = classifyRouteFile(file, any);
    expect(found && { path: found.path, router: found.router }).toEqual({ path, router });
  });

  it.each(['app/api/_internal/route.ts', 'app/api/users/page.tsx', 'pages/about.tsx', 'app/api/users/route.test.ts', 'pages/api/__tests__/x.ts'])('%s is not routed', (file) => {
    expect(classifyRouteFile(file, any)).toBeUndefined();
  });

  it('takes the root that qualifies: a monorepo app, not the repository root', () => {
    expect(classifyRouteFile('apps/web/app/api/x/route.ts', (root) => root === 'apps/web')?.root).toBe('apps/web');
    expect(classifyRouteFile('apps/web/app/api/x/route.ts', (root) => root === 'apps/admin')).toBeUndefined();
  });

  it('joins basePath and samples dynamic segments', () => {
    expect(withBasePath('/docs', '/')).toBe('/docs');
    expect(withBasePath('/docs', '/api/x')).toBe('/docs/api/x');
    expect(samplePaths('/api/users/[id]')).toEqual(['/api/users/x1']);
    expect(samplePaths('/shop/[[...slug]]')).toEqual(['/shop', '/shop/x1']);
  });
});

describe('matchers (path-to-regexp 6)', () => {
  it.each([
    ['/api/:path*', '/api', true],
    ['/api/:path*', '/api/a/b', true],
    ['/api/:path*', '/apix', false],
    ['/dashboard/:path+', '/dashboard', false],
    ['/dashboard/:path+', '/dashboard/x', true],
    ['/chat/:id', '/chat/1', true],
    ['/chat/:id', '/chat/1/2', false],
    ['/((?!_next/static|_next/image|favicon.ico).*)', '/api/admin', true],
    ['/((?!_next/static|_next/image|favicon.ico).*)', '/_next/static/x.js', false],
    ['/((?!api|_next).*)', '/api/admin', false],
    ['/dashboard(.*)', '/dashboard/settings', true],
    ['/(api|trpc)(.*)', '/api/users', true],
    ['/(api|trpc)(.*)', '/x/api', false],
    ['/login', '/login/', true],
    ['{/:locale}?/admin', '/en/admin', true],
    ['{/:locale}?/admin', '/admin', true],
  ])('%s on %s → %s', (pattern, path, want) => {
    expect(matchesPathPattern(pattern, path)).toBe(want);
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(matchesPathPattern('/api/:', '/api/x')).toBeUndefined();
    expect(matchesPathPattern('/api/((unbalanced', '/api/x')).toBeUndefined();
  });
});
