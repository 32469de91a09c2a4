import { db } from '../../../lib/db';
import { verifySession } from '../../../lib/dal';
import { requireUser } from '../../../lib/auth';

// expect-none: missing-auth -- verifySession() (lib/dal.ts) redirects without a session
export async function POST(request: Request) {
  const { userId } = await verifySession();
  const { name } = await request.json();
  return Response.json(await db.project.create({ data: { name: String(name), ownerId: userId } }), { status: 201 });
}

// expect-none: missing-auth -- requireUser() (lib/auth.ts) throws without a session
export async function PATCH(request: Request) {
  const user = await requireUser();
  const { id, name } = await request.json();
  return Response.json(await db.project.update({ where: { id: String(id), ownerId: user.userId }, data: { name: String(name) } }));
}
