import { z } from 'zod';
import { db } from '../../../lib/db';

const projectSchema = z.object({ name: z.string().min(1).max(100) });

// expect-none: missing-auth -- proxy.ts answers 401 without a token (partial: its matcher is conditional)
export async function POST(request: Request) {
  const { name } = projectSchema.parse(await request.json());
  return Response.json(await db.project.create({ data: { name } }), { status: 201 });
}
