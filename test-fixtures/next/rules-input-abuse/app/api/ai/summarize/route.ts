import OpenAI from 'openai';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { auth } from '../../../../auth';

const openai = new OpenAI();

// expect: missing-rate-limit -- every call runs a model, and nothing limits how often
export async function POST(request: Request) {
  const session = await auth();
  if (!session) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  const { text } = z.object({ text: z.string().max(20_000) }).parse(await request.json());
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Summarize: ${text}` }] });
  return NextResponse.json({ summary: completion.choices[0]?.message.content });
}
