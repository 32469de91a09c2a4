import type { NextApiRequest, NextApiResponse } from 'next';
import { auth } from '../../auth';

export const config = {
  // expect-none: missing-body-limit -- lowered below the 1 MB default
  api: { bodyParser: { sizeLimit: '200kb' } },
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = await auth(req, res);
  if (!session) return res.status(401).end();
  res.status(201).json({ length: String(req.body?.text ?? '').length });
}
