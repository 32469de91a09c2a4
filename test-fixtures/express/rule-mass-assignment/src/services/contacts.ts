import { eq, and } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, db } from '../models.js';

const ContactUpdate = z.object({ name: z.string().max(100) }).strict();

export async function updateContactById(id: string, ownerId: string, input: unknown) {
  const { name } = ContactUpdate.parse(input);
  const [row] = await db.update(contacts).set({ name }).where(and(eq(contacts.id, id), eq(contacts.ownerId, ownerId))).returning();
  return row;
}
