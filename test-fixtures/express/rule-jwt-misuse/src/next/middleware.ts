import { decodeJwt } from 'jose';
import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token) return NextResponse.redirect(new URL('/login', request.url));
  // expect: jwt-misuse
  const { exp, role } = decodeJwt(token);
  if (!exp || exp * 1000 < Date.now() || role !== 'admin') return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}
