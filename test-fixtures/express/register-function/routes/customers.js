module.exports = function registerCustomerRoutes(app) {
  // expect-none: missing-auth -- registered after app.use(authenticate)
  app.get('/customers', (req, res) => {
    res.send([]);
  });

  // expect-none: missing-auth -- registered after app.use(authenticate)
  // expect: missing-authz -- a delete behind authentication only
  app.delete('/customers/:id', (req, res) => {
    res.status(204).send();
  });
};
