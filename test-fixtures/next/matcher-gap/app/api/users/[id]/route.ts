import { NextResponse } from 'next/server';
import { db } from '../../../../lib/db';

// expect-none: missing-auth -- '/api/users/:path*' covers /api/users/[id]
// expect: missing-authz -- signed in via the middleware, but any user may delete any user
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await db.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
