import { NextResponse, type NextRequest } from 'next/server';

// Every matched request must carry a session cookie.
export function middleware(request: NextRequest) {
  const session = request.cookies.get('session')?.value;
  if (!session) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
  return NextResponse.next();
}

export const config = {
  // `/api/orders` matches that path only, not `/api/orders/[id]`.
  matcher: ['/dashboard/:path*', '/api/users/:path*', '/api/orders'],
};
