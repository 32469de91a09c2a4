export { default } from 'next-auth/middleware';

export const config = { matcher: ['/account/:path*', '/api/account/:path*', '/api/admin/:path*'] };
