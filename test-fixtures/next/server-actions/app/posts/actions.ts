'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { auth } from '../../auth';
import { db } from '../../lib/db';
import { getCurrentUser, requireUser } from '../../lib/auth';
import { actionClient, authActionClient } from '../../lib/safe-action';

const postSchema = z.object({ id: z.string(), title: z.string().min(1) });

// expect: missing-auth -- anyone can call a server action; this one deletes without a check
export async function deletePost(id: string) {
  await db.post.delete({ where: { id } });
  revalidatePath('/posts');
}

// expect-none: missing-auth -- auth() checked; throws without a session
export async function updatePost(formData: FormData) {
  const session = await auth();
  if (!session?.user) throw new Error('Unauthorized');
  const { id, title } = postSchema.parse({ id: formData.get('id'), title: formData.get('title') });
  await db.post.update({ where: { id }, data: { title } });
  revalidatePath(`/posts/${id}`);
}

// expect-none: missing-auth -- requireUser() (lib/auth.ts) redirects to /login without a session
export async function publishPost(id: string) {
  const user = await requireUser();
  await db.post.update({ where: { id, authorId: user.id }, data: { published: true } });
}

// expect-none: missing-auth -- the project helper returns the user; the action returns early without one
export const archivePost = async (id: string) => {
  const user = await getCurrentUser();
  if (!user) return { error: 'Sign in first' };
  await db.post.update({ where: { id }, data: { archived: true } });
  return { ok: true };
};

// expect-none: missing-auth -- authActionClient's .use() throws without a session
export const renamePost = authActionClient
  .schema(postSchema)
  .action(async ({ parsedInput: { id, title } }) => {
    await db.post.update({ where: { id }, data: { title } });
  });

// expect: missing-auth -- the plain actionClient has no auth middleware
export const likePost = actionClient
  .schema(z.object({ id: z.string() }))
  .action(async ({ parsedInput: { id } }) => {
    await db.post.update({ where: { id }, data: { likes: { increment: 1 } } });
  });
