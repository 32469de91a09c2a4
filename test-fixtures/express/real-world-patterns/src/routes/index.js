const express = require('express');
const accountRoute = require('./account.route');
const articleRoute = require('./article.route');

const router = express.Router();

// Mounted in a loop over a literal array, as node-express-boilerplate does.
const defaultRoutes = [
  { path: '/accounts', route: accountRoute },
  { path: '/articles', route: articleRoute },
];

defaultRoutes.forEach((route) => {
  router.use(route.path, route.route);
});

module.exports = router;
