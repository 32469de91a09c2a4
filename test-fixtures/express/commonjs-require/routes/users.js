const express = require('express');
const db = require('../db');
const { requireAuth } = require('../middleware/auth');

const router = express.Router();

// expect: missing-auth -- sensitive only with the /users mount prefix
router.get('/', async (_req, res) => {
  const { rows } = await db.query('select id, email, name from users order by created_at desc');
  res.json(rows);
});

// expect-none: missing-auth
router.get('/:id', requireAuth, async (req, res) => {
  // expect: missing-ownership-check -- any signed-in user reads any user by id
  const { rows } = await db.query('select id, email, name from users where id = $1', [req.params.id]);
  if (rows.length === 0) return res.sendStatus(404);
  res.json(rows[0]);
});

// expect: missing-auth, missing-rate-limit
router.get('/:id/export', async (req, res) => {
  const { rows } = await db.query('select * from events where user_id = $1', [req.params.id]);
  res.attachment('events.json').json(rows);
});

// expect-none: missing-auth
router.patch('/:id', requireAuth, async (req, res) => {
  // expect: unvalidated-input
  await db.query('update users set name = $1 where id = $2 and id = $3', [req.body.name, req.params.id, req.user.sub]);
  res.sendStatus(204);
});

// expect: missing-auth
router.delete('/:id', async (req, res) => {
  await db.query('delete from users where id = $1', [req.params.id]);
  res.sendStatus(204);
});

module.exports = router;
