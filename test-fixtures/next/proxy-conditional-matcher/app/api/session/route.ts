import { NextResponse } from 'next/server';
import { z } from 'zod';

const credentials = z.object({ email: z.string().email(), password: z.string().min(8) });

// expect-none: missing-auth, missing-rate-limit -- signing in is public; proxy.ts rate-limits every /api request first
export async function POST(request: Request) {
  const { email } = credentials.parse(await request.json());
  const res = NextResponse.json({ ok: true, email });
  res.cookies.set('access_token', crypto.randomUUID(), { httpOnly: true, secure: true, sameSite: 'strict' });
  return res;
}
