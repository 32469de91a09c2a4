import { db } from '../../../lib/db';
import { getCurrentUser } from '../../../lib/auth';

// expect-none: missing-auth -- getCurrentUser() hands out the user; the handler answers 401 without one
export async function POST(request: Request) {
  const me = await getCurrentUser();
  if (!me) return new Response(null, { status: 401 });
  const { amount } = await request.json();
  return Response.json(await db.invoice.create({ data: { amount: Number(amount), userId: me.id } }));
}

// expect: missing-auth -- the user is read, but an anonymous caller goes on to the delete
export async function DELETE(request: Request) {
  const me = await getCurrentUser();
  const id = new URL(request.url).searchParams.get('id');
  console.info('invoice deleted by', me?.id ?? 'anonymous');
  await db.invoice.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
