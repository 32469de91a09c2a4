import { db } from '../../../../lib/db';

// The @modal slot is not part of the URL: POST /portal/api/preview.
// expect: missing-auth
export async function POST(request: Request) {
  const { id } = await request.json();
  return Response.json(await db.doc.update({ where: { id: String(id) }, data: { previewed: true } }));
}
