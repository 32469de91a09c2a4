import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { publicKey } from './keys';

const SECRET = process.env.JWT_SECRET!;

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  // expect: jwt-misuse
  const claims = jwt.decode(token) as { sub: string; role: string } | null;
  if (!claims) return res.status(401).json({ error: 'unauthorized' });
  res.locals.userId = claims.sub;
  next();
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  // expect: jwt-misuse
  const claims = jwt.verify(token, publicKey) as { role: string };
  if (claims.role !== 'admin') return res.status(403).end();
  next();
}

export function requireService(req: Request, res: Response, next: NextFunction) {
  const token = String(req.headers['x-service-token'] ?? '');
  // expect: jwt-misuse
  res.locals.service = jwt.verify(token, SECRET, { algorithms: ['HS256', 'none'] });
  next();
}

export function requireLegacy(req: Request, res: Response, next: NextFunction) {
  const token = String(req.headers['x-legacy-token'] ?? '');
  res.locals.legacy = jwt.verify(token, SECRET, {
    algorithms: ['HS256'],
  });
  next();
}

// ---- near-misses

export function requireUserVerified(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  // expect-none: jwt-misuse
  const header = jwt.decode(token, { complete: true })?.header;
  if (!header?.kid) return res.status(401).end();
  // expect-none: jwt-misuse
  res.locals.user = jwt.verify(token, publicKey, { algorithms: ['RS256'] });
  next();
}

export function requireUserHs(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
  // expect-none: jwt-misuse
  res.locals.user = jwt.verify(token, SECRET);
  next();
}

export function tokenExpiry(token: string): number | undefined {
  // expect-none: jwt-misuse
  const decoded = jwt.decode(token) as { exp?: number } | null;
  return decoded?.exp;
}

let cachedPartnerToken: string | undefined;

async function fetchPartnerToken(): Promise<string> {
  return 'token-from-the-partner-oauth-endpoint';
}

/** A token this service fetched itself: checking its expiry before reuse is caching, not access control. */
export async function partnerToken(): Promise<string> {
  if (cachedPartnerToken) {
    // expect-none: jwt-misuse
    const { exp } = jwt.decode(cachedPartnerToken) as { exp: number };
    if (exp * 1000 > Date.now() + 60_000) return cachedPartnerToken;
  }
  cachedPartnerToken = await fetchPartnerToken();
  return cachedPartnerToken;
}

/** Reads `kid` to pick the verification key: the header decides nothing about the caller. */
export function getHeaderFromToken(token: string) {
  // expect-none: jwt-misuse
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new Error('provided token does not decode as JWT');
  return decoded.header;
}

/** Claims that arrived from the identity provider over TLS, not from the caller. */
export async function parseUserInfoResponse(response: Response) {
  const text = await response.text();
  // expect-none: jwt-misuse
  const claims = jwt.decode(text.trim());
  if (!claims || typeof claims !== 'object') throw new Error('not a JWT');
  return claims;
}
