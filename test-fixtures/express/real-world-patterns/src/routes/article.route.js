const { Router } = require('express');
const auth = require('../middleware/jwt');

// A router built by chaining, with no variable for the inner router.
const comments = Router()
  // expect-none: missing-auth
  .post('/:slug/comments', auth.required, (req, res) => res.status(201).json({}))
  // expect: missing-auth -- optional authentication lets anyone through
  .delete('/:slug/comments/:id', auth.optional, (req, res) => res.sendStatus(204));

const router = Router().use(comments);

// expect: missing-auth -- optional authentication lets anyone through
router.put('/:slug', auth.optional, (req, res) => res.json({}));

// expect-none: missing-auth
router.get('/:slug', auth.optional, (req, res) => res.json({}));

module.exports = router;
