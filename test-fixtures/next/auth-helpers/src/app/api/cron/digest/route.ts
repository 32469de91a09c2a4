import { db } from '../../../../lib/db';
import { withTiming } from '../../../../lib/cron';

// expect: missing-auth -- withTiming() only measures
export const POST = withTiming(async () => {
  await db.invoice.update({ where: { digestSent: false }, data: { digestSent: true } });
  return Response.json({ ok: true });
});
