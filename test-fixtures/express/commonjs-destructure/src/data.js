const rows = new Map();

exports.accounts = {
  list: () => [...rows.values()],
  suspend: (id) => rows.set(id, { ...rows.get(id), suspended: true }),
};

exports.invoices = {
  forCustomer: (customer) => [...rows.values()].filter((r) => r.customer === customer),
  refund: (invoiceId, amountCents) => ({ invoiceId, amountCents, status: 'pending' }),
};
