import { db } from '@/lib/db';

// expect-none: missing-auth, missing-authz -- auth.protect({ role: 'org:admin' }) in middleware for /api/admin(.*)
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await db.user.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
