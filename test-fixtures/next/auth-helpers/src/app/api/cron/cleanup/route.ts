import { db } from '../../../../lib/db';
import { withCron } from '../../../../lib/cron';

// expect-none: missing-auth -- withCron() calls verifyCronSecret(), which throws an unauthorized error
export const POST = withCron(async () => {
  await db.upload.delete({ where: { expired: true } });
  return Response.json({ ok: true });
});
