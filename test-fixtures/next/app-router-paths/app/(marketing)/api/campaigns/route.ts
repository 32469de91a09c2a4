import { db } from '../../../../lib/db';

// The route group (marketing) is not part of the URL: this is POST /portal/api/campaigns.
// expect: missing-auth
export async function POST(request: Request) {
  const { name, audience } = await request.json();
  await db.subscriber.create({ data: { campaign: String(name), audience: String(audience) } });
  return Response.json({ ok: true }, { status: 201 });
}
