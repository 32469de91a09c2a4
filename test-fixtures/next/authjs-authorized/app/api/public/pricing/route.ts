import { db } from '../../../../lib/db';

// expect-none: missing-auth -- a public read
export async function GET() {
  return Response.json(await db.plan.findMany());
}
