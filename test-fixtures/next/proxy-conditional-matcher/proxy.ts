import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { jwtVerify } from 'jose';
import { NextResponse, type NextRequest } from 'next/server';

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(20, '10 s') });
const secret = new TextEncoder().encode(process.env.JWT_SECRET);
const PUBLIC_PATHS = ['/api/health', '/api/session'];

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const ip = request.headers.get('x-forwarded-for') ?? '127.0.0.1';
  const { success } = await ratelimit.limit(ip);
  if (!success) return new NextResponse('Too many requests', { status: 429 });

  if (PUBLIC_PATHS.includes(pathname)) return NextResponse.next();

  const token = request.cookies.get('access_token')?.value;
  if (!token) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });

  const { payload } = await jwtVerify(token, secret);
  if (pathname.startsWith('/api/admin') && payload.role !== 'admin') {
    return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    {
      source: '/api/:path*',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
