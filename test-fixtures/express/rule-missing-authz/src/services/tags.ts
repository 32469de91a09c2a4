import { db } from '../db.js';

export async function bulkDeleteTags(ownerId: string, ids: string[]) {
  return db.tag.deleteMany({ where: { id: { in: ids }, ownerId } });
}
