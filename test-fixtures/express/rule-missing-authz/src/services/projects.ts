import { db } from '../db.js';

export async function archiveProject(id: string, userId: string) {
  const { count } = await db.project.updateMany({ where: { id, ownerId: userId }, data: { archivedAt: new Date() } });
  if (count === 0) throw Object.assign(new Error('not found'), { status: 404 });
}
