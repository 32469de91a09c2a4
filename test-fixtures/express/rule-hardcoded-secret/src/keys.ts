/** Keys shared by the auth routes. */

// expect: hardcoded-secret -- reaches jwt.sign through an import
export const JWT_SECRET = 'prod-jwt-signing-key-2291';

// expect: hardcoded-secret -- a fallback used when the variable is unset (medium)
export const REFRESH_SECRET = process.env.REFRESH_SECRET || 'dev-refresh-secret';

// expect-none: hardcoded-secret -- an empty fallback is no key
export const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET ?? '';
