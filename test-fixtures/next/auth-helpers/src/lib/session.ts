import { jwtVerify } from 'jose';
import { cookies } from 'next/headers';

const key = new TextEncoder().encode(process.env.SESSION_SECRET);

/** The session payload from the cookie, or null. */
export async function decrypt(token: string | undefined): Promise<{ userId: string; role: string } | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    return payload as { userId: string; role: string };
  } catch {
    return null;
  }
}

export async function readSession() {
  const token = (await cookies()).get('session')?.value;
  return decrypt(token);
}
