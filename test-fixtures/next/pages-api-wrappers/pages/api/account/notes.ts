import { withIronSessionApiRoute } from 'iron-session/next';
import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '../../../lib/db';

const sessionOptions = { cookieName: 'app_session', password: process.env.SESSION_PASSWORD as string };

// expect: missing-auth -- withIronSessionApiRoute attaches req.session; nothing checks it
export default withIronSessionApiRoute(async function notes(req: NextApiRequest, res: NextApiResponse) {
  const note = await db.note.create({ data: { text: String(req.body.text) } });
  res.status(201).json(note);
}, sessionOptions);
