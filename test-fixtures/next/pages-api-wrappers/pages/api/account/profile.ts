import { withApiAuthRequired, getSession } from '@auth0/nextjs-auth0';
import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../../lib/db';

// expect-none: missing-auth -- Auth0's withApiAuthRequired answers 401 without a session
export default withApiAuthRequired(async function profile(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  const account = await db.account.update({ where: { sub: String(session?.user.sub) }, data: { name: String(req.body.name) } });
  res.json(account);
});
