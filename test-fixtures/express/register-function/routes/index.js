const customers = require('./customers');

/** Registers every private route; called once the guard is in place. */
module.exports = (app) => {
  customers(app);
};
