import { readSession } from './session';

export class AuthError extends Error {}

/** Throws AuthError (mapped to 401 by the caller's error boundary) without a session. */
export async function requireUser() {
  const session = await readSession();
  if (!session) throw new AuthError('Sign in required');
  return session;
}

/** The user or null. */
export async function getCurrentUser() {
  const session = await readSession();
  return session ? { id: session.userId, role: session.role } : null;
}

/** Returns a 401 response for the caller to send; does not end the request by itself. */
export async function unauthorizedUnlessSignedIn(): Promise<Response | undefined> {
  const session = await readSession();
  if (!session) return new Response('Unauthorized', { status: 401 });
  return undefined;
}

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Wraps a route handler: 401 unless signed in. */
export function withAuth(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const session = await readSession();
    if (!session) {
      return Response.json({ error: 'Unauthorized' }, { status: 401 });
    }
    return handler(request, context);
  };
}
