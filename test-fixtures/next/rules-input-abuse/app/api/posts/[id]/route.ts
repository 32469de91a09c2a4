import { NextResponse } from 'next/server';
import { z } from 'zod';
import { auth } from '../../../../auth';
import { db } from '../../../../lib/db';

const patchSchema = z.object({ title: z.string().min(1).max(200), body: z.string().max(10_000) });

// expect-none: missing-auth, unvalidated-input, mass-assignment, missing-ownership-check -- zod-parsed fields, scoped to the author
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { id } = await params;
  const { title, body } = patchSchema.parse(await request.json());
  return NextResponse.json(await db.post.update({ where: { id, authorId: session.user.id }, data: { title, body } }));
}

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { id } = await params;
  const data = await request.json();
  // expect: unvalidated-input, mass-assignment, missing-ownership-check -- the whole body, any post
  return NextResponse.json(await db.post.update({ where: { id }, data }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { id } = await params;
  // expect: missing-ownership-check -- signed in, but any post is read by id
  const post = await db.post.findUnique({ where: { id } });
  return NextResponse.json(post);
}
