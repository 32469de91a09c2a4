import type { Request } from 'express';

/** The signed-in user, as the JWT strategy attached it. */
export async function verifyUser(req: Request): Promise<{ id: string; tenantId: string }> {
  const user = req.user as { id: string; tenantId: string } | undefined;
  if (!user) throw Object.assign(new Error('unauthenticated'), { status: 401 });
  return user;
}
