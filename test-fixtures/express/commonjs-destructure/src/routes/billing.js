const { Router: createRouter } = require('express');
const { invoices } = require('../data');

const billing = new createRouter();

// expect: missing-auth -- sensitive only with the /billing mount prefix
billing.get('/', (req, res) => {
  res.json(invoices.forCustomer(req.query.customer));
});

// expect: missing-auth
billing.post('/refunds', (req, res) => {
  res.status(202).json(invoices.refund(req.body.invoiceId, req.body.amountCents));
});

exports.billingRouter = billing;
