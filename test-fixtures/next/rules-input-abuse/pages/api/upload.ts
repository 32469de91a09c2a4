import type { NextApiRequest, NextApiResponse } from 'next';
import { auth } from '../../auth';
import { db } from '../../lib/db';

// Pages API routes parse the body themselves; this raises the 1 MB default to 50 MB.
export const config = {
  // expect: missing-body-limit -- 50 MB of JSON parsed before the handler runs
  api: { bodyParser: { sizeLimit: '50mb' } },
};

// expect-none: missing-auth
// expect: missing-rate-limit -- uploads are costly
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const session = await auth(req, res);
  if (!session) return res.status(401).end();
  // expect: unvalidated-input
  await db.upload.create({ data: { name: req.body.name, content: req.body.content } });
  res.status(201).end();
}
