import jwt from 'jsonwebtoken';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

const JWT_SECRET = process.env.JWT_SECRET as string;

// expect-none: missing-auth -- signing in is public by design
// expect: missing-rate-limit
export async function POST(request: Request) {
  const { email, password } = await request.json();
  // expect: sensitive-logging
  console.log('login attempt', { email, password });
  const user = { id: '1', email: String(email) };
  // expect: jwt-misuse -- no expiresIn
  const token = jwt.sign({ sub: user.id }, JWT_SECRET);
  const store = await cookies();
  // expect: insecure-cookie
  store.set('session', token);
  // expect-none: insecure-cookie, jwt-misuse
  store.set('refresh', jwt.sign({ sub: user.id }, JWT_SECRET, { expiresIn: '7d' }), { httpOnly: true, secure: true, sameSite: 'lax' });
  // expect-none: sensitive-logging
  console.info('signed in', user.id);
  return NextResponse.json({ ok: true });
}
