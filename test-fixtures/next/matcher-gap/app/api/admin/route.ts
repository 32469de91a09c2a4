import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';

// The matcher leaves /api/admin out: nothing checks the session here.

// expect: missing-auth
export async function GET() {
  return NextResponse.json({ users: await db.user.findMany(), audit: await db.auditLog.findMany() });
}

// expect: missing-auth
export async function DELETE(request: Request) {
  const id = new URL(request.url).searchParams.get('userId') ?? '';
  await db.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
