const express = require('express');
const gate = require('../middleware/gate');
const { createAccount, createStaffMember } = require('../services/users');

const router = express.Router();

// A sign-up by behaviour: it hashes the password and signs the user in.
// expect-none: missing-auth
// expect: missing-rate-limit -- a sign-up with no limiter: accounts can be created in bulk
router.post('/', async (req, res) => {
  res.status(201).json(await createAccount(req.body));
});

// Creating staff accounts without signing anyone in is not a sign-up: it needs a guard.
// expect: missing-auth
router.post('/staff', async (req, res) => {
  res.status(201).json(await createStaffMember(req.body));
});

// expect-none: missing-auth
// expect: missing-authz -- a delete behind authentication only
router.delete('/:accountId', gate, async (req, res) => {
  res.sendStatus(204);
});

module.exports = router;
