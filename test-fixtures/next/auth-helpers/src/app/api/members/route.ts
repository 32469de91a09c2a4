import { db } from '../../../lib/db';
import { withAuth } from '../../../lib/auth';

// expect-none: missing-auth -- withAuth() answers 401 without a session
export const POST = withAuth(async (request) => {
  const { email } = await request.json();
  return Response.json(await db.member.create({ data: { email: String(email) } }), { status: 201 });
});
