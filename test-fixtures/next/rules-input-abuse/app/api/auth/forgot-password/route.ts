import { NextResponse } from 'next/server';
import { z } from 'zod';
import { db } from '../../../../lib/db';

// expect: missing-rate-limit -- anyone can trigger reset mails as fast as they like
export async function POST(request: Request) {
  const { email } = z.object({ email: z.string().email() }).parse(await request.json());
  await db.resetToken.create({ data: { email, token: crypto.randomUUID() } });
  return NextResponse.json({ ok: true });
}
