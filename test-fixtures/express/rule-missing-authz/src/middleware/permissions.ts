import type { NextFunction, Request, Response } from 'express';

const roleRights: Record<string, string[]> = { admin: ['manageProjects', 'manageUsers'], manager: ['manageProjects'], member: [] };

/** The check lives in a helper the middleware hands the request to (node-express-boilerplate's shape). */
function verifyRights(req: Request, requiredRights: string[], done: (err?: Error) => void) {
  const userRights = roleRights[req.user?.role ?? 'member'] ?? [];
  const hasRequiredRights = requiredRights.every((right) => userRights.includes(right));
  if (!hasRequiredRights) return done(Object.assign(new Error('Forbidden'), { status: 403 }));
  done();
}

export const permit =
  (...requiredRights: string[]) =>
  (req: Request, _res: Response, next: NextFunction) =>
    verifyRights(req, requiredRights, (err) => next(err));

/** Loads the project onto the request, for the ownership guard below. */
export async function loadProject(req: Request, res: Response, next: NextFunction) {
  const { db } = await import('../db.js');
  const project = await db.project.findUnique({ where: { id: req.params.id } });
  if (!project) return res.sendStatus(404);
  res.locals.project = project;
  next();
}

/** An ownership guard by behaviour: compares the loaded record's owner with the caller. */
export function ownsProject(req: Request, res: Response, next: NextFunction) {
  if (res.locals.project.ownerId !== req.user?.id) return res.status(404).json({ error: 'not found' });
  next();
}

export async function canDeleteTeams(user: { role: string } | undefined) {
  return user?.role === 'admin' || user?.role === 'manager';
}
