import { db } from '../../../lib/db';
import { getSession } from '../../../lib/session';

// expect: missing-auth -- the session is read but the request goes on without one
export async function POST(request: Request) {
  const session = await getSession();
  const { title } = await request.json();
  const owner = session?.user?.email ?? 'anonymous';
  return Response.json(await db.task.create({ data: { title: String(title), owner } }), { status: 201 });
}
