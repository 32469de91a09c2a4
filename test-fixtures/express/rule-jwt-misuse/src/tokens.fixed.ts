import jwt from 'jsonwebtoken';
import { SignJWT } from 'jose';
import { privateKey } from './keys';

const SECRET = process.env.JWT_SECRET!;

export function issueAccessToken(userId: string, role: string) {
  // expect: jwt-misuse
  return jwt.sign({ sub: userId, role }, SECRET, { expiresIn: '1h' });
}

export function issueServiceToken(service: string) {
  // expect: jwt-misuse
  return jwt.sign({ sub: service, scope: 'internal' }, privateKey, { algorithm: 'RS256', expiresIn: '1h' });
}

export async function issueJoseToken(userId: string) {
  const key = new TextEncoder().encode(SECRET);
  // expect: jwt-misuse
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(key);
}

// ---- near-misses

export function issueShortToken(userId: string) {
  // expect-none: jwt-misuse
  return jwt.sign({ sub: userId }, SECRET, { expiresIn: '15m' });
}

export function issueWithExp(userId: string) {
  // expect-none: jwt-misuse
  return jwt.sign({ sub: userId, exp: Math.floor(Date.now() / 1000) + 900 }, SECRET);
}

export async function issueJoseShort(userId: string) {
  const key = new TextEncoder().encode(SECRET);
  // expect-none: jwt-misuse
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('15m').sign(key);
}

export function resign(claims: Record<string, unknown>) {
  // expect-none: jwt-misuse -- the payload is built by the caller and may carry exp
  return jwt.sign(claims, SECRET);
}

export function issueTransferToken(userId: string) {
  // expect-none: jwt-misuse -- the application checks its own expiresAt claim
  return jwt.sign({ id: userId, type: 'transfer', expiresAt: new Date(Date.now() + 60_000).toISOString() }, SECRET);
}
