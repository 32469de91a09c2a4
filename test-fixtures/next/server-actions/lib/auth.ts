import { redirect } from 'next/navigation';
import { auth } from '../auth';

/** The signed-in user, or a redirect to the sign-in page (which ends the request). */
export async function requireUser() {
  const session = await auth();
  if (!session?.user) redirect('/login');
  return session.user;
}

/** The signed-in user or null; callers decide. */
export async function getCurrentUser() {
  const session = await auth();
  return session?.user ?? null;
}
