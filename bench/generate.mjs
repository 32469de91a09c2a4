// Deterministic synthetic corpora for the benchmark: N files of Express, Fastify and Next.js code
// mixed, with routers mounted across files, guarded and unguarded, validated and unvalidated
// routes, a few planted (fake) secrets and sensitive log calls. Same N → same bytes.
import fs from 'node:fs';
import path from 'node:path';

/**
 * mulberry32: a tiny seeded PRNG, so corpora are identical across runs and machines. The fuzz
 * test's mutations (test/fuzz/mutate.ts) use it too.
 */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESOURCES = ['users', 'orders', 'invoices', 'tickets', 'shifts', 'assets', 'vendors', 'reports', 'teams', 'payroll', 'devices', 'sites'];

function expressRouter(i, r) {
  const res = RESOURCES[i % RESOURCES.length];
  const guarded = r() < 0.7;
  const validated = r() < 0.6;
  const lines = [
    `import { Router } from 'express';`,
    `import { z } from 'zod';`,
    `import { requireAuth, requireRole } from '../middleware/auth';`,
    `import { db } from '../lib/db';`,
    `import { logger } from '../lib/logger';`,
    ``,
    `const router = Router();`,
    `const ${res}Schema = z.object({ name: z.string().min(1), note: z.string().optional(), amount: z.number().int() });`,
    ``,
  ];
  if (guarded) lines.push(`router.use(requireAuth);`, ``);
  for (let k = 0; k < 6; k++) {
    const id = `${res}${i}_${k}`;
    lines.push(
      `router.get('/${id}', async (req, res) => {`,
      `  const rows = await db.${res}.findMany({ where: { teamId: req.user?.teamId }, take: 50 });`,
      `  res.json(rows);`,
      `});`,
      ``,
      `router.post('/${id}', ${k % 3 === 0 ? "requireRole('admin'), " : ''}async (req, res) => {`,
      validated ? `  const parsed = ${res}Schema.safeParse(req.body);` : `  const parsed = { success: true, data: req.body };`,
      `  if (!parsed.success) return res.status(400).json({ error: 'invalid input' });`,
      `  const created = await db.${res}.create({ data: parsed.data });`,
      k === 2 && r() < 0.2 ? `  logger.info({ body: req.body, auth: req.headers.authorization }, 'created');` : `  logger.info({ id: created.id }, 'created');`,
      `  res.status(201).json(created);`,
      `});`,
      ``,
      `router.delete('/${id}/:id', async (req, res) => {`,
      `  await db.${res}.delete({ where: { id: req.params.id, teamId: req.user?.teamId } });`,
      `  res.sendStatus(204);`,
      `});`,
      ``,
    );
  }
  lines.push(`export default router;`, ``);
  return lines.join('\n');
}

function fastifyPlugin(i, r) {
  const res = RESOURCES[(i + 3) % RESOURCES.length];
  const hooked = r() < 0.6;
  const lines = [`import type { FastifyPluginAsync } from 'fastify';`, ``, `const plugin: FastifyPluginAsync = async (fastify) => {`];
  if (hooked) lines.push(`  fastify.addHook('onRequest', fastify.authenticate);`);
  for (let k = 0; k < 5; k++) {
    lines.push(
      `  fastify.get('/${res}${i}_${k}', async (request) => fastify.db.${res}.list({ team: request.user?.team }));`,
      `  fastify.post('/${res}${i}_${k}', { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } }, async (request, reply) => {`,
      `    const item = await fastify.db.${res}.create(request.body);`,
      `    return reply.code(201).send(item);`,
      `  });`,
    );
  }
  lines.push(`};`, ``, `export default plugin;`, ``);
  return lines.join('\n');
}

function nextRoute(i, r) {
  const guarded = r() < 0.6;
  return [
    `import { NextResponse } from 'next/server';`,
    `import { auth } from '@/lib/auth';`,
    `import { db } from '@/lib/db';`,
    ``,
    `export async function GET() {`,
    guarded ? `  const session = await auth();\n  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });` : ``,
    `  return NextResponse.json(await db.items.findMany({ take: 20 }));`,
    `}`,
    ``,
    `export async function POST(request: Request) {`,
    guarded ? `  const session = await auth();\n  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });` : ``,
    `  const body = await request.json();`,
    `  const item = await db.items.create({ data: { name: String(body.name), index: ${i} } });`,
    `  return NextResponse.json(item, { status: 201 });`,
    `}`,
    ``,
  ].join('\n');
}

function service(i, r) {
  const lines = [`import { db } from '../lib/db';`, ``];
  for (let k = 0; k < 8; k++) {
    lines.push(
      `export async function compute${i}_${k}(input: { id: string; amount: number }) {`,
      `  const row = await db.records.findUnique({ where: { id: input.id } });`,
      `  if (!row) throw new Error('not found');`,
      `  const total = [1, 2, 3, 4].map((n) => n * input.amount).reduce((a, b) => a + b, 0);`,
      `  return { ...row, total, label: \`record-\${input.id}-${k}\` };`,
      `}`,
      ``,
    );
  }
  if (r() < 0.02) lines.push(`export const STRIPE_SECRET_KEY = 'sk_live_${'51Hx'}${String(i).padStart(4, '0')}abcdefghijklmnopqrstuvwxyzABCDEF';`, ``);
  return lines.join('\n');
}

const SHARED = {
  'src/middleware/auth.ts': `import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return res.status(401).json({ error: 'unauthorized' });
  try {
    (req as any).user = jwt.verify(header.slice(7), process.env.JWT_SECRET as string);
    next();
  } catch {
    res.sendStatus(401);
  }
}

export const requireRole = (role: string) => (req: Request, res: Response, next: NextFunction) => {
  if ((req as any).user?.role !== role) return res.sendStatus(403);
  next();
};
`,
  'src/lib/db.ts': `export const db: any = {};\n`,
  'src/lib/logger.ts': `import pino from 'pino';\nexport const logger = pino();\n`,
  'package.json': JSON.stringify({ name: 'bench-corpus', private: true, dependencies: { express: '^5.1.0', fastify: '^5.0.0', next: '^16.0.0', zod: '^4.0.0' } }, null, 2),
};

/** Writes a corpus of exactly `n` source files (plus package.json) into `dir`. */
export function generateCorpus(dir, n, seed = 42) {
  const r = rng(seed + n);
  fs.rmSync(dir, { recursive: true, force: true });
  const files = new Map(Object.entries(SHARED));
  const budget = n - (files.size - 1);
  const routers = [];
  let count = 0;
  const add = (file, text) => {
    files.set(file, text);
    count++;
  };
  for (let i = 0; count < budget - 1; i++) {
    const kind = i % 10;
    if (kind < 5) {
      add(`src/routes/r${i}.ts`, expressRouter(i, r));
      routers.push(i);
    } else if (kind < 7) add(`src/plugins/p${i}.ts`, fastifyPlugin(i, r));
    else if (kind < 8) add(`app/api/items${i}/[id]/route.ts`, nextRoute(i, r));
    else add(`src/services/s${i}.ts`, service(i, r));
  }
  const app = [`import express from 'express';`, ...routers.map((i) => `import r${i} from './routes/r${i}';`), ``, `const app = express();`, `app.use(express.json());`];
  routers.forEach((i, k) => app.push(`app.use('/api/v${k % 3}/g${i}', r${i});`));
  app.push(``, `export default app;`, ``);
  files.set('src/app.ts', app.join('\n'));
  for (const [file, text] of files) {
    const abs = path.join(dir, file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return { files: files.size - 1, bytes: [...files.values()].reduce((a, t) => a + Buffer.byteLength(t), 0) };
}

/** A route file of about `lines` lines with `routes` routes, for the editor-latency figures. */
export function bigRouteFile(routes = 200) {
  const out = [`import { Router } from 'express';`, `import { requireAuth } from '../middleware/auth';`, `import { db } from '../lib/db';`, ``, `const router = Router();`, ``];
  for (let k = 0; k < routes; k++) {
    out.push(
      `router.post('/big${k}', ${k % 2 ? 'requireAuth, ' : ''}async (req, res) => {`,
      `  const item = await db.items.create({ data: { name: String(req.body.name), k: ${k} } });`,
      `  if (!item) return res.status(500).json({ error: 'failed' });`,
      `  res.status(201).json(item);`,
      `  return undefined;`,
      `});`,
      ``,
      ``,
      ``,
      ``,
    );
  }
  out.push(`export default router;`, ``);
  return out.join('\n');
}
