import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isAdminRoute = createRouteMatcher(['/api/admin(.*)']);
const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api/reports(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (isAdminRoute(req)) await auth.protect({ role: 'org:admin' });
  if (isProtectedRoute(req)) await auth.protect();
});

export const config = {
  matcher: ['/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico)).*)', '/(api|trpc)(.*)'],
};
