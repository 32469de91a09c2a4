import { db } from '../../../../../lib/db';
import { getSession } from '../../../../../lib/session';

async function listMembers(_request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const session = await getSession();
  if (!session) return new Response('Unauthorized', { status: 401 });
  const { projectId } = await params;
  // expect: missing-ownership-check -- signed in, but members of any project are listed
  return Response.json(await db.member.findMany({ projectId }));
}

async function removeMember(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const userId = new URL(request.url).searchParams.get('userId');
  await db.member.delete({ where: { projectId, userId } });
  return new Response(null, { status: 204 });
}

// expect-none: missing-auth -- listMembers checks the session
export { listMembers as GET };
// expect: missing-auth -- removeMember does not
export { removeMember as DELETE };
