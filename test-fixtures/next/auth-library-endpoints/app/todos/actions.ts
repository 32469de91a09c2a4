'use server';

import { createServerAction } from 'zsa';
import { z } from 'zod';
import { db } from '../../lib/db';

// expect: missing-auth -- a zsa action: validated input, but no one checks the caller
export const deleteTodo = createServerAction()
  .input(z.object({ id: z.string() }))
  .handler(async ({ input }) => {
    await db.todo.delete({ where: { id: input.id } });
  });
