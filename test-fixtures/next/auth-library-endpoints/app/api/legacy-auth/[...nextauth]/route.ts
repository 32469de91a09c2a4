import NextAuth from 'next-auth';
import { authOptions } from '../../../../lib/next-auth';

const handler = NextAuth(authOptions);

// expect-none: missing-auth -- next-auth v4's own endpoints
export { handler as GET, handler as POST };
