import { db } from '@/lib/db';

// expect-none: missing-auth -- createRouteMatcher(['/api/reports(.*)']) + auth.protect() in middleware
// expect: missing-authz -- signed in, but any user may delete any report
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await db.report.delete({ where: { id } });
  return new Response(null, { status: 204 });
}
