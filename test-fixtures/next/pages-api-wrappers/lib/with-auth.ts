import type { NextApiHandler, NextApiRequest, NextApiResponse } from 'next';
import { verifySessionToken } from './tokens';

/** Answers 401 unless the request carries a valid session token. */
export function withAuth(handler: NextApiHandler): NextApiHandler {
  return async (req: NextApiRequest, res: NextApiResponse) => {
    const token = req.cookies['session-token'];
    const session = token ? await verifySessionToken(token) : null;
    if (!session) {
      return res.status(401).json({ error: 'Not signed in' });
    }
    return handler(req, res);
  };
}

/** Logs the request; no access control. */
export function withLogging(handler: NextApiHandler): NextApiHandler {
  return async (req, res) => {
    console.info(req.method, req.url);
    return handler(req, res);
  };
}
