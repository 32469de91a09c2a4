import cors from '@fastify/cors';

// No `origin`: @fastify/cors answers every origin with `*`.
export const autoConfig = { methods: ['GET', 'POST', 'DELETE'] };

// expect: permissive-cors -- @fastify/cors loaded by @fastify/autoload takes its options from autoConfig (no origin here)
export default cors;
