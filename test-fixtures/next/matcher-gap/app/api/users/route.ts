import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';

// expect-none: missing-auth -- middleware.ts runs on /api/users and answers 401 without a session
export async function GET() {
  return NextResponse.json(await db.user.findMany());
}

// expect-none: missing-auth
export async function POST(request: Request) {
  const { email, name } = await request.json();
  return NextResponse.json(await db.user.create({ data: { email: String(email), name: String(name) } }), { status: 201 });
}
