import type { NextApiRequest, NextApiResponse } from 'next';
import { auth } from '../../auth';

export const config = {
  // expect: missing-body-limit -- the body is parsed before the handler's session check runs
  api: { bodyParser: { sizeLimit: '8mb' } },
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = await auth(req, res);
  if (!session) return res.status(401).end();
  res.status(202).json({ rows: Array.isArray(req.body) ? req.body.length : 0 });
}
