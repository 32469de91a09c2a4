const express = require('express');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const db = require('../db');

const router = express.Router();

// expect-none: missing-auth -- signing in is public by design
// expect: missing-rate-limit -- a password sign-in with no limiter anywhere
router.post('/login', async (req, res) => {
  // expect: unvalidated-input -- body fields in a query with no schema (medium: a read)
  const { rows } = await db.query('select id, password_hash from users where email = $1', [req.body.email]);
  const user = rows[0];
  if (!user || !(await bcrypt.compare(String(req.body.password), user.password_hash))) {
    return res.status(401).json({ error: 'wrong email or password' });
  }
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});

// expect-none: missing-auth
router.post('/logout', (_req, res) => {
  res.clearCookie('session').sendStatus(204);
});

// expect: missing-auth -- acting as another user is not a sign-in
router.post('/impersonate', async (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.userId, impersonated: true }, process.env.JWT_SECRET, { expiresIn: '15m' }) });
});

module.exports = router;
