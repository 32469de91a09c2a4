import { NextResponse } from 'next/server';

// expect: invalid-suppression, missing-auth -- a suppression without a reason suppresses nothing
/* routeguard-ignore-next-line missing-auth */ export async function PUT(request: Request) {
  const { bio } = await request.json();
  return NextResponse.json({ bio: String(bio) });
}
