import { z } from 'zod';

const ReactionInput = z.object({ emoji: z.enum(['👍', '🎉', '❤️']) });

export function parseReactionInput(body: unknown) {
  return ReactionInput.parse(body);
}
