const { Router } = require('express');
const { accounts } = require('../data');

const router = Router();

// expect-none: missing-auth -- guarded at the mount in server.js
router.get('/accounts', (_req, res) => {
  res.json(accounts.list());
});

// expect-none: missing-auth -- guarded at the mount in server.js
router.post('/accounts/:id/suspend', (req, res) => {
  accounts.suspend(req.params.id);
  res.sendStatus(204);
});

module.exports = { adminRouter: router };
