import bcrypt from 'bcryptjs';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { db } from '../../../../lib/db';
import { ratelimit } from '../../../../lib/ratelimit';

const loginSchema = z.object({ email: z.string().email(), password: z.string().min(8) });

// expect-none: missing-rate-limit, missing-auth -- @upstash/ratelimit answers 429 first
export async function POST(request: Request) {
  const ip = request.headers.get('x-forwarded-for') ?? 'anonymous';
  const { success } = await ratelimit.limit(`login:${ip}`);
  if (!success) return NextResponse.json({ error: 'Too many attempts' }, { status: 429 });
  const { email, password } = loginSchema.parse(await request.json());
  const user = await db.user.findFirst({ where: { email } });
  const ok = user !== null && (await bcrypt.compare(password, String(user.passwordHash)));
  return ok ? NextResponse.json({ ok: true }) : NextResponse.json({ error: 'Invalid credentials' }, { status: 401 });
}
