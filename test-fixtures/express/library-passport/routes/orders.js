const express = require('express');
const passport = require('passport');

const router = express.Router();
const jwtAuth = passport.authenticate('jwt', { session: false });

// expect-none: missing-auth
router.post('/', passport.authenticate('jwt', { session: false }), (req, res) => {
  res.status(201).json({ owner: req.user.id, items: req.body.items });
});

// expect-none: missing-auth -- the same guard, held in a variable
router.put('/:id', jwtAuth, (req, res) => {
  res.json({ id: req.params.id, items: req.body.items });
});

// expect: missing-auth
router.delete('/:id', (req, res) => {
  res.status(204).json({ cancelled: req.params.id });
});

module.exports = router;
