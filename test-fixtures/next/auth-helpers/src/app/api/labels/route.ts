import { db } from '../../../lib/db';
import { withAuth, withError } from '../../../lib/middleware';

// expect-none: missing-auth -- withAuth (overloaded) hands authMiddleware to the shared runner
export const POST = withAuth('labels/create', async (request) => {
  const { name } = await request.json();
  return Response.json(await db.project.create({ data: { label: String(name), ownerId: request.auth.userId } }), { status: 201 });
});

// expect: missing-auth -- withError runs no middleware
export const DELETE = withError(async (request) => {
  await db.project.delete({ where: { label: new URL(request.url).searchParams.get('name') } });
  return new Response(null, { status: 204 });
});
