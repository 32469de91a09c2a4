import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../../lib/auth';
import { db } from '../../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { method, query } = req;
  const id = String(query.id);

  // expect-none: missing-auth -- the GET branch checks the session
  if (method === 'GET') {
    const session = await getServerSession(req, res, authOptions);
    if (!session) return res.status(401).end();
    return res.json(await db.user.findUnique({ where: { id } }));
  }

  // expect: missing-auth -- the DELETE branch has no check of its own
  if (method === 'DELETE') {
    await db.user.delete({ where: { id } });
    return res.status(204).end();
  }

  return res.status(405).end();
}
