import type { NextApiRequest, NextApiResponse } from 'next';
import { withAuth } from '../../../lib/with-auth';
import { db } from '../../../lib/db';

async function handler(req: NextApiRequest, res: NextApiResponse) {
  const account = await db.account.update({ where: { id: String(req.body.id) }, data: { theme: String(req.body.theme) } });
  res.json(account);
}

// expect-none: missing-auth -- withAuth answers 401 without a session
export default withAuth(handler);
