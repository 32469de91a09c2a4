import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { authOptions } from '../../../lib/auth';
import { db } from '../../../lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    // expect-none: missing-auth -- GET is a public catalogue
    case 'GET': {
      const projects = await db.project.findMany({ public: true });
      return res.status(200).json(projects);
    }
    // expect: missing-auth -- POST writes without a session check
    case 'POST': {
      const project = await db.project.create({ data: { name: String(req.body.name) } });
      return res.status(201).json(project);
    }
    // expect-none: missing-auth -- this branch checks the session first
    case 'PUT':
    case 'PATCH': {
      const session = await getServerSession(req, res, authOptions);
      if (!session) return res.status(401).json({ error: 'Unauthorized' });
      const project = await db.project.update({ where: { id: String(req.body.id) }, data: { name: String(req.body.name) } });
      return res.status(200).json(project);
    }
    default:
      res.setHeader('Allow', ['GET', 'POST', 'PUT', 'PATCH']);
      return res.status(405).end();
  }
}
