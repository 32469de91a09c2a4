import * as jsonwebtoken from 'jsonwebtoken';

export function requireScope(header: string) {
  // expect: jwt-misuse
  const payload = jsonwebtoken.decode(header.slice(7)) as { scope?: string } | null;
  if (payload?.scope !== 'admin') throw new Error('forbidden');
}
