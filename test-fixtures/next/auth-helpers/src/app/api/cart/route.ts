import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '../../../lib/db';

interface CartSession {
  userId?: string;
  isLoggedIn: boolean;
}

// expect-none: missing-auth -- iron-session checked; redirect() ends the request
export async function PUT(request: Request) {
  const session = await getIronSession<CartSession>(await cookies(), { password: process.env.IRON_PASSWORD as string, cookieName: 'cart' });
  if (!session.isLoggedIn) redirect('/login');
  const { items } = await request.json();
  // expect: unvalidated-input
  return Response.json(await db.cart.update({ where: { userId: session.userId }, data: { items } }));
}
