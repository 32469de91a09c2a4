import { db } from '../../../lib/db';

// expect: missing-auth -- the middleware runs here but authorized() returns true outside /dashboard
export async function PATCH(request: Request) {
  const { id, name } = await request.json();
  return Response.json(await db.account.update({ where: { id: String(id) }, data: { name: String(name) } }));
}
