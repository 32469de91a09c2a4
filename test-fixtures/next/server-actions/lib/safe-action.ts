import { createSafeActionClient } from 'next-safe-action';
import { auth } from '../auth';

export const actionClient = createSafeActionClient();

export const authActionClient = actionClient.use(async ({ next }) => {
  const session = await auth();
  if (!session?.user) {
    throw new Error('Not signed in');
  }
  return next({ ctx: { user: session.user } });
});
