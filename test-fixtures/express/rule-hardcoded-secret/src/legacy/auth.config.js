module.exports = {
  // expect: hardcoded-secret -- reaches jwt.verify through require() and module.exports
  secret: 'acme-legacy-secret-key',
  // expect: hardcoded-secret -- one word is a weak key, not a name
  refreshSecret: 'secret',
  // expect-none: hardcoded-secret -- a validation message keyed by prose
  errors: { 'email or password': 'is invalid' },
};
