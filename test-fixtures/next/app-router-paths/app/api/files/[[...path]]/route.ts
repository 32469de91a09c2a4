import { db } from '../../../../lib/db';
import { getSession } from '../../../../lib/session';

async function handler(request: Request) {
  const session = await getSession();
  if (!session) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  if (request.method === 'DELETE') await db.file.delete({ where: { path: new URL(request.url).pathname } });
  return Response.json(await db.file.findMany());
}

// expect-none: missing-auth -- one handler exported as three methods, each checks the session
export { handler as GET, handler as POST, handler as DELETE };
