import { NextResponse } from 'next/server';
import { db } from '../../../lib/db';

// expect-none: missing-auth -- '/api/orders' is in the matcher
export async function POST(request: Request) {
  const { sku, quantity } = await request.json();
  return NextResponse.json(await db.order.create({ data: { sku: String(sku), quantity: Number(quantity) } }), { status: 201 });
}
