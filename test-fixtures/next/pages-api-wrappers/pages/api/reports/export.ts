import type { NextApiRequest, NextApiResponse } from 'next';
import nc from 'next-connect';
import { db } from '../../../lib/db';

const handler = nc<NextApiRequest, NextApiResponse>();

// expect: missing-auth, missing-rate-limit -- a next-connect v0 handler with no guard; an export is costly
handler.put(async (req, res) => {
  res.json(await db.report.update({ where: { id: String(req.body.id) }, data: { archived: true } }));
});

export default handler;
