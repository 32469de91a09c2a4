import { db } from '../../../lib/db';

// %5Fmeta is a routed folder named `_meta`: POST /portal/api/_meta.
// expect: missing-auth
export async function POST(request: Request) {
  const { key, value } = await request.json();
  return Response.json(await db.doc.create({ data: { key: String(key), value: String(value) } }));
}
