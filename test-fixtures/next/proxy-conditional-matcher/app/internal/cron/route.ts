import { db } from '../../../lib/db';

// expect: missing-auth -- /internal is outside the proxy's matcher, and the handler checks nothing
export async function POST() {
  await db.job.delete({ where: { finished: true } });
  return Response.json({ ok: true });
}
