import NextAuth from 'next-auth';

export const { handlers, auth } = NextAuth({ providers: [] });
