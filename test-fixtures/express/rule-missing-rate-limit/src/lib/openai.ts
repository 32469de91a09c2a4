import OpenAI from 'openai';

/** The project's one OpenAI client. */
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
