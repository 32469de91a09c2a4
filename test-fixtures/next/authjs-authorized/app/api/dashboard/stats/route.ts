import { auth } from '../../../../auth';
import { db } from '../../../../lib/db';

// expect-none: missing-auth -- covered by the middleware, and checked again here
export const GET = auth(async function GET(req) {
  if (!req.auth) return Response.json({ message: 'Not authenticated' }, { status: 401 });
  return Response.json({ invoices: (await db.invoice.findMany()).length });
});
