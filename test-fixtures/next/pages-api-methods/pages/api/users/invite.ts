import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../../lib/db';

// expect: missing-auth -- only POST is served (405 otherwise), and nothing checks who calls it
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).json({ error: 'Method not allowed' });
  }
  const user = await db.user.create({ data: { email: String(req.body.email), invited: true } });
  res.status(201).json(user);
}
