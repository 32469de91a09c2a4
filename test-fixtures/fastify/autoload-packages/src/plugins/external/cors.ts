import cors from '@fastify/cors';

// No `origin`: @fastify/cors answers every origin with `*`.
export const autoConfig = { methods: ['GET', 'POST', 'DELETE'] };

// todo-expect: permissive-cors -- @fastify/cors loaded by @fastify/autoload takes its options from autoConfig; the rule reads register() calls only
export default cors;
