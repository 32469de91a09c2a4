import { verifySignatureAppRouter } from '@upstash/qstash/nextjs';
import { db } from '../../../../lib/db';

async function reindex(request: Request) {
  const { id } = await request.json();
  await db.todo.delete({ where: { id: String(id) } });
  return Response.json({ ok: true });
}

// expect-none: missing-auth -- verifySignatureAppRouter checks the QStash signature
export const POST = verifySignatureAppRouter(reindex);
