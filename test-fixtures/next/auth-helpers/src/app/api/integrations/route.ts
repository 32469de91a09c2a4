import { db } from '../../../lib/db';
import { unauthorizedUnlessSignedIn } from '../../../lib/auth';

// expect: missing-auth -- the helper returns a 401 response, which this handler ignores
export async function POST(request: Request) {
  await unauthorizedUnlessSignedIn();
  const { label } = await request.json();
  return Response.json(await db.token.create({ data: { label: String(label) } }), { status: 201 });
}

// expect-none: missing-auth -- here the response is passed on
export async function DELETE(request: Request) {
  const denied = await unauthorizedUnlessSignedIn();
  if (denied) return denied;
  await db.token.delete({ where: { id: new URL(request.url).searchParams.get('id') } });
  return new Response(null, { status: 204 });
}
