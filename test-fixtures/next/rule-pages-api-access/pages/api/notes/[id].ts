import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../../lib/auth';
import { prisma } from '../../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user) return res.status(401).json({ error: 'sign in first' });
  const id = String(req.query.id);

  // expect-none: missing-authz, missing-ownership-check -- the DELETE branch's bulk delete is not this route's
  if (req.method === 'GET') {
    const note = await prisma.note.findFirst({ where: { id, authorId: session.user.id } });
    return note ? res.json(note) : res.status(404).end();
  }

  // expect-none: missing-authz -- an update scoped to the author
  if (req.method === 'PUT') {
    // expect: mass-assignment, unvalidated-input -- the whole body as Prisma data
    const note = await prisma.note.update({ where: { id, authorId: session.user.id }, data: req.body });
    return res.json(note);
  }

  // expect: missing-authz -- deleteMany over ids from the query string, scoped to nobody
  if (req.method === 'DELETE') {
    const ids = String(req.query.ids ?? id).split(',');
    const { count } = await prisma.note.deleteMany({ where: { id: { in: ids } } });
    return res.json({ deleted: count });
  }

  res.setHeader('Allow', 'GET, PUT, DELETE');
  return res.status(405).end();
}
