import { NextResponse } from 'next/server';

// expect: invalid-suppression, missing-auth -- a suppression without a reason suppresses nothing
/* routeguard-ignore-next-line missing-auth */ export async function PUT(request: Request) {
  const { bio } = await request.json();
  return NextResponse.json({ bio: String(bio) });
}

// expect-none: invalid-suppression -- this one gives a reason, and it suppresses missing-auth on the next line
/* routeguard-ignore-next-line missing-auth -- echoes the caller's own text back; nothing is stored */ export const revalidate = 0;
export async function POST(request: Request) {
  const { bio } = await request.json();
  return NextResponse.json({ preview: String(bio) });
}
