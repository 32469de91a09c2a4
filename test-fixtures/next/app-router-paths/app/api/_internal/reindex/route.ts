import { db } from '../../../../lib/db';

// A private folder (_internal) is not routed: no route, so no finding.
// expect-none: missing-auth
export async function POST() {
  await db.doc.delete({ where: {} });
  return new Response(null, { status: 204 });
}
