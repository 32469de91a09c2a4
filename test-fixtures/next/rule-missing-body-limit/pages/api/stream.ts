import type { NextApiRequest, NextApiResponse } from 'next';
import { auth } from '../../auth';

export const config = {
  // expect-none: missing-body-limit -- no parsing at all; the handler reads the stream itself
  api: { bodyParser: false },
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = await auth(req, res);
  if (!session) return res.status(401).end();
  res.status(202).end();
}
