import { serve } from '@upstash/workflow/nextjs';
import { db } from '../../../../lib/db';

// expect-none: missing-auth -- Upstash Workflow's serve() accepts only QStash-signed requests
export const { POST } = serve<{ title: string }>(async (context) => {
  await context.run('create', () => db.todo.create({ data: { title: context.requestPayload.title } }));
});
