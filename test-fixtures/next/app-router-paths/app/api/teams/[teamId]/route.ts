import { db } from '../../../../lib/db';
import { getSession } from '../../../../lib/session';

// expect-none: missing-auth -- a 404 for anonymous callers still ends the request
export async function PATCH(request: Request) {
  const session = await getSession();
  if (!session?.user) {
    return new Response('Not found', { status: 404 });
  }
  const { name } = await request.json();
  return Response.json(await db.team.update({ where: { owner: session.user.email }, data: { name: String(name) } }));
}
