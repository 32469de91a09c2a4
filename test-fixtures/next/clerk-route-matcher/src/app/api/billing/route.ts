import { NextResponse } from 'next/server';
import { auth } from '@clerk/nextjs/server';
import { db } from '@/lib/db';

// expect-none: missing-auth -- auth.protect() ends the request for anonymous callers
export async function GET() {
  const { userId } = await auth.protect();
  return NextResponse.json(await db.invoice.findMany({ userId }));
}
