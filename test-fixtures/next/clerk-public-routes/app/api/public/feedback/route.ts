import { db } from '../../../../lib/db';

// expect-none: missing-auth -- public in Clerk's list and in routeguard.config.json publicRoutes
export async function POST(request: Request) {
  const { message } = await request.json();
  await db.feedback.create({ data: { message: String(message) } });
  return Response.json({ ok: true });
}

// expect: missing-auth -- also public through '/api/public(.*)', but this deletes
export async function DELETE(request: Request) {
  await db.feedback.delete({ where: { id: new URL(request.url).searchParams.get('id') } });
  return new Response(null, { status: 204 });
}
