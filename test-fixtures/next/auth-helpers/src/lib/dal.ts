import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { readSession } from './session';

/** The Next.js data-access-layer pattern: verify once per request, redirect without a session. */
export const verifySession = cache(async () => {
  const session = await readSession();
  if (!session?.userId) {
    redirect('/login');
  }
  return { isAuth: true, userId: session.userId, role: session.role };
});
