import { readSession } from './session';

type Handler<R extends Request = Request> = (request: R, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type AuthedRequest = Request & { auth: { userId: string } };

/** 401 without a session; otherwise the request carries `auth`. */
async function authMiddleware(request: Request): Promise<AuthedRequest | Response> {
  const session = await readSession();
  if (!session) return Response.json({ error: 'Unauthorized' }, { status: 401 });
  return Object.assign(request, { auth: { userId: session.userId } });
}

/** Runs an optional middleware, then the handler: the generic runner the wrappers share. */
function withMiddleware<R extends Request>(handler: Handler<R>, middleware?: (request: Request) => Promise<R | Response>): Handler {
  return async (request, context) => {
    const result = middleware ? await middleware(request) : (request as R);
    if (result instanceof Response) return result;
    return handler(result, context);
  };
}

// Overloads: the implementation is the last declaration.
export function withAuth(scope: string, handler: Handler<AuthedRequest>): Handler;
export function withAuth(handler: Handler<AuthedRequest>): Handler;
export function withAuth(scopeOrHandler: string | Handler<AuthedRequest>, handler?: Handler<AuthedRequest>): Handler {
  if (typeof scopeOrHandler === 'string') return withMiddleware(handler!, authMiddleware);
  return withMiddleware(scopeOrHandler, authMiddleware);
}

export function withError(handler: Handler): Handler {
  return withMiddleware(handler);
}

/** A route factory: org reports are built on withAuth. */
export function createOrgReportRoute(load: (orgId: string) => Promise<unknown>) {
  return withAuth(async (request, { params }) => {
    const { orgId } = await params;
    return Response.json(await load(orgId));
  });
}
