import type { Context } from 'koa';

export function setSessionCookie(ctx: Context, token: string) {
  // expect-none: insecure-cookie -- Koa's cookies are HttpOnly by default and Secure on HTTPS requests
  ctx.cookies.set('accessToken', token, { sameSite: 'lax', expires: new Date(Date.now() + 3600_000) });
  // expect: insecure-cookie
  ctx.cookies.set('refreshToken', token, { httpOnly: false, sameSite: 'lax' });
}
