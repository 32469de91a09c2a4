import { NextResponse } from 'next/server';
import { z } from 'zod';
import { auth } from '../../../auth';
import { db } from '../../../lib/db';

const commentForm = z.object({ postId: z.string(), text: z.string().min(1).max(2000) });

// expect-none: missing-auth, unvalidated-input -- formData() parsed with zod
export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response(null, { status: 401 });
  const form = await request.formData();
  const { postId, text } = commentForm.parse({ postId: form.get('postId'), text: form.get('text') });
  return NextResponse.json(await db.comment.create({ data: { postId, text, authorId: session.user.id } }), { status: 201 });
}

// expect-none: missing-auth, unvalidated-input -- searchParams parsed with zod
export async function GET(request: Request) {
  const query = z.object({ postId: z.string().uuid() }).parse(Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await db.comment.findMany({ postId: query.postId }));
}
