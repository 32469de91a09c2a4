import { getServerSession } from 'next-auth';

export const authOptions = { providers: [] };

export function getSession() {
  return getServerSession(authOptions);
}
