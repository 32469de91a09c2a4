import { currentUser } from '@clerk/nextjs/server';
import { NextResponse } from 'next/server';

// expect-none: missing-auth -- currentUser() checked, 401 without one
export async function GET() {
  const user = await currentUser();
  if (!user) return new NextResponse('Unauthorized', { status: 401 });
  return NextResponse.json({ id: user.id, email: user.emailAddresses[0]?.emailAddress });
}
