import { db } from '../../../../lib/db';

// expect: missing-auth -- PUT /portal/api/docs/[...slug]
export const PUT = async (request: Request) => {
  const body = await request.json();
  return Response.json(await db.doc.update({ where: { slug: String(body.slug) }, data: { text: String(body.text) } }));
};

// expect-none: missing-auth -- public docs
export const GET = async () => Response.json(await db.doc.findMany());
