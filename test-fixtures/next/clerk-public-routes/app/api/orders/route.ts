import { db } from '../../../lib/db';

// expect-none: missing-auth -- not in publicRoutes, so auth.protect() runs
export async function POST(request: Request) {
  const { sku } = await request.json();
  return Response.json(await db.order.create({ data: { sku: String(sku) } }), { status: 201 });
}
