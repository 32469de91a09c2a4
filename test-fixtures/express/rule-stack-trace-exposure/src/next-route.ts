import { NextResponse } from 'next/server';
import { db } from './db';

export async function GET() {
  try {
    return NextResponse.json(await db.listOrders());
  } catch (e) {
    // expect: stack-trace-exposure
    return NextResponse.json({ error: e.message }, { status: 500 });
  }
}

export async function POST() {
  try {
    return NextResponse.json(await db.listOrders());
  } catch (e) {
    console.error(e);
    // expect-none: stack-trace-exposure
    return NextResponse.json({ error: 'Something went wrong' }, { status: 500 });
  }
}
