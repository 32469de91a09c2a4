import type { NextApiRequest, NextApiResponse } from 'next';

/** next-connect middleware: 401 without a bearer token. */
export async function requireApiKey(req: NextApiRequest, res: NextApiResponse, next: () => Promise<void>) {
  const header = req.headers.authorization;
  if (!header || header !== `Bearer ${process.env.REPORTS_API_KEY}`) {
    return res.status(401).json({ error: 'Unauthorized' });
  }
  return next();
}
