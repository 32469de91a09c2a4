import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';
import { db } from '../../../../lib/db';

// expect-none: missing-auth, missing-webhook-verification -- public by design, verified with verifyWebhook
// expect: missing-rate-limit
export async function POST(req: NextRequest) {
  const evt = await verifyWebhook(req);
  if (evt.type === 'user.deleted') await db.user.delete({ where: { id: evt.data.id } });
  return new Response('ok');
}
