module.exports = function (app) {
  // expect-none: missing-auth
  app.get('/status', (req, res) => {
    res.send({ up: true });
  });

  // expect: missing-auth -- registered before app.use(authenticate) in index.js
  app.post('/contact', (req, res) => {
    res.status(202).send({ queued: req.body.email });
  });
};
