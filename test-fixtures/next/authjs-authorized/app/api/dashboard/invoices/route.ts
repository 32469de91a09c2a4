import { db } from '../../../../lib/db';

// expect-none: missing-auth -- authorized() returns false for anonymous callers under /api/dashboard
export async function POST(request: Request) {
  const { amount, customer } = await request.json();
  return Response.json(await db.invoice.create({ data: { amount: Number(amount), customer: String(customer) } }), { status: 201 });
}

// expect-none: missing-auth -- signed in via the middleware, but any user may delete any invoice
// expect: missing-authz
export async function DELETE(request: Request) {
  await db.invoice.delete({ where: { id: new URL(request.url).searchParams.get('id') } });
  return new Response(null, { status: 204 });
}
