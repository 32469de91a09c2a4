import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { issueToken } from '../tokens';

export async function POST() {
  const token = issueToken('someone');
  const store = await cookies();
  // expect: insecure-cookie
  store.set('session', token);
  const response = NextResponse.json({ ok: true });
  // expect: insecure-cookie
  response.cookies.set({ name: 'jwt', value: token, path: '/' });
  // expect-none: insecure-cookie
  response.cookies.set({ name: 'jwt-hint', value: 'present', path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
  return response;
}
