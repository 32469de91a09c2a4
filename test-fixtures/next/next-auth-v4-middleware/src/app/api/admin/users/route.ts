import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { db } from '../../../../lib/db';

// expect-none: missing-auth, missing-authz -- the middleware requires a token; the handler requires the admin role
export async function DELETE(req: NextRequest) {
  const token = await getToken({ req });
  if (token?.role !== 'admin') {
    return NextResponse.json({ error: 'Forbidden' }, { status: 403 });
  }
  await db.user.delete({ where: { id: req.nextUrl.searchParams.get('id') } });
  return new NextResponse(null, { status: 204 });
}
