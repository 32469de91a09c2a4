import { z } from 'zod';
import { db } from '../../../../lib/db';

const query = z.object({ id: z.string().uuid() });

// expect-none: missing-auth, missing-authz -- proxy.ts checks the token and the admin role here (partial: its matcher is conditional)
export async function DELETE(request: Request) {
  const { id } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  await db.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
