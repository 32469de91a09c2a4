import { NextResponse } from 'next/server';
import { auth } from '@clerk/nextjs/server';
import { db } from '@/lib/db';

// expect-none: missing-auth -- public list
export async function GET() {
  return NextResponse.json(await db.post.findMany());
}

// expect-none: missing-auth -- auth() checked in the handler, 401 without a user
export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const { title } = await req.json();
  return NextResponse.json(await db.post.create({ data: { title: String(title), authorId: userId } }), { status: 201 });
}

// expect: missing-auth -- middleware runs here, but createRouteMatcher does not list /api/posts; the handler never checks
export async function DELETE(req: Request) {
  const id = new URL(req.url).searchParams.get('id') ?? '';
  await db.post.delete({ where: { id } });
  return new Response(null, { status: 204 });
}

// expect: missing-auth -- reads auth() but carries on without a user
export async function PATCH(req: Request) {
  const { userId } = await auth();
  const { id, title } = await req.json();
  console.log('edit by', userId ?? 'anonymous');
  return NextResponse.json(await db.post.update({ where: { id: String(id) }, data: { title: String(title) } }));
}
