import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { db } from '../../../lib/db';

// expect: missing-auth -- /api/orders is not in the matcher, and the token is read but never required
export async function POST(req: NextRequest) {
  const token = await getToken({ req });
  const { sku } = await req.json();
  return NextResponse.json(await db.order.create({ data: { sku: String(sku), by: token?.email ?? null } }), { status: 201 });
}

// expect-none: missing-auth -- getToken() checked: 401 without a token
export async function DELETE(req: NextRequest) {
  const token = await getToken({ req });
  if (!token) return new NextResponse(null, { status: 401 });
  await db.order.delete({ where: { id: req.nextUrl.searchParams.get('id'), owner: token.sub } });
  return new NextResponse(null, { status: 204 });
}
