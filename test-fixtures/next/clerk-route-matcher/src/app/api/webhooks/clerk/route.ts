import { Webhook } from 'svix';
import { db } from '@/lib/db';

// expect-none: missing-auth -- a webhook: verified by signature, public by design
// expect: missing-rate-limit -- verified, but nothing limits how often it is called
export async function POST(req: Request) {
  const payload = await req.text();
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET ?? '').verify(payload, Object.fromEntries(req.headers)) as { type: string; data: { id: string } };
  if (event.type === 'user.deleted') await db.user.delete({ where: { id: event.data.id } });
  return new Response('ok');
}
