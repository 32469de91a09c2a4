import type { NextApiRequest, NextApiResponse } from 'next';
import { withLogging } from '../../../lib/with-auth';
import { db } from '../../../lib/db';

// expect: missing-auth -- withLogging only logs
export default withLogging(async (req: NextApiRequest, res: NextApiResponse) => {
  await db.account.delete({ where: { id: String(req.body.id) } });
  res.status(204).end();
});
