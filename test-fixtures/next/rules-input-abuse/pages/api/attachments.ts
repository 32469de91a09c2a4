import formidable from 'formidable';
import type { NextApiRequest, NextApiResponse } from 'next';
import { auth } from '../../auth';

export const config = { api: { bodyParser: false } };

// expect-none: missing-auth
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'PUT') return res.status(405).end();
  const session = await auth(req, res);
  if (!session) return res.status(401).end();
  // expect-none: missing-body-limit
  const form = formidable({ maxFileSize: 5 * 1024 * 1024, maxFiles: 3 });
  const [, files] = await form.parse(req);
  res.json({ received: Object.keys(files).length });
}
