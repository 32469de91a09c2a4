import type { NextApiRequest, NextApiResponse } from 'next';
import { createRouter } from 'next-connect';
import { requireApiKey } from '../../../lib/auth-middleware';
import { db } from '../../../lib/db';

const router = createRouter<NextApiRequest, NextApiResponse>();

router
  // expect: missing-auth -- registered before router.use(requireApiKey), so unguarded; /reports is sensitive
  .get(async (_req, res) => {
    res.json({ count: (await db.report.findMany()).length });
  })
  .use(requireApiKey)
  // expect-none: missing-auth -- router.use(requireApiKey) runs first
  .post(async (req, res) => {
    res.status(201).json(await db.report.create({ data: { title: String(req.body.title) } }));
  })
  // expect-none: missing-auth
  // expect: missing-authz -- any holder of the API key may delete
  .delete(async (req, res) => {
    await db.report.delete({ where: { id: String(req.query.id) } });
    res.status(204).end();
  });

export default router.handler({
  onError: (err, _req, res) => {
    // expect: stack-trace-exposure
    res.status(500).end(String(err));
  },
});
