import Fastify from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { requireUser } from './guards.js';
import { files } from './files.js';

const MB = 1024 * 1024;

// A server-wide body limit of 5 MB instead of Fastify's 1 MB default.
// expect: missing-body-limit
const app = Fastify({ logger: true, bodyLimit: 5 * MB });

await app.register(helmet);

// expect-none: permissive-cors
await app.register(cors, { origin: ['https://console.example.com'], credentials: true });

app.addHook('onRequest', requireUser);

// expect-none: missing-auth
app.post('/notes', async (request) => ({ saved: request.body }));

// A larger limit for one route only, behind the onRequest auth hook.
// expect: missing-rate-limit
// expect-none: missing-auth, missing-body-limit
app.post('/imports', { bodyLimit: 50 * MB }, async (request) => ({ rows: request.body }));

// Uploads in their own context, with multipart limits.
app.register(
  async (uploads) => {
    await uploads.register(multipart, { limits: { fileSize: 10 * MB, files: 1 } });

    // expect: missing-rate-limit
    // expect-none: missing-auth
    uploads.post('/', async (request) => files.save(await request.file()));

    // expect-none: missing-auth
    uploads.get('/:id', async (request) => files.read(request.params));
  },
  { prefix: '/uploads' },
);

// Avatars: multipart without a file size limit.
app.register(
  async (avatars) => {
    // @fastify/multipart defaults its file size limit to the server's bodyLimit.
    // expect-none: missing-body-limit
    await avatars.register(multipart);
    // expect-none: missing-auth
    avatars.put('/me', async (request) => files.save(await request.file()));
  },
  { prefix: '/avatars' },
);

// A public widget API with its own permissive CORS in a separate context.
app.register(
  async (widget) => {
    // expect: permissive-cors
    await widget.register(cors, { origin: '*' });
    // expect-none: missing-auth
    widget.get('/embed', async () => ({ html: '<div></div>' }));
  },
  { prefix: '/widget' },
);

await app.listen({ port: 3000 });
