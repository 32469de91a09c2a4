import { Router } from 'express';
import { prisma } from '../lib/prisma.js';

const router = Router();

router.get('/', async (_req, res) => {
  await prisma.$queryRaw`select 1`;
  res.json({ ok: true, version: process.env.npm_package_version });
});

export default router;
