import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { db } from '../../../../lib/db';

// expect-none: missing-auth -- next-auth/middleware requires a token on /api/account/*
export async function PUT(req: NextRequest) {
  const token = await getToken({ req });
  const { email } = await req.json();
  return NextResponse.json(await db.user.update({ where: { id: String(token?.sub) }, data: { email: String(email) } }));
}
