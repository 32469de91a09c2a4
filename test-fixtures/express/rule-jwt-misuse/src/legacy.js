const { sign, verify, decode } = require('jsonwebtoken');

function currentUser(req) {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  // expect: jwt-misuse
  return decode(token);
}

function issue(user) {
  // expect: jwt-misuse
  return sign({ sub: user.id }, process.env.JWT_SECRET);
}

function issueMagicLink(user) {
  // expect-none: jwt-misuse -- verified below with maxAge, which bounds the token by its iat
  return sign({ sub: user.id, purpose: 'magic-link' }, process.env.MAGIC_LINK_SECRET);
}

function checkMagicLink(token) {
  // expect-none: jwt-misuse
  return verify(token, process.env.MAGIC_LINK_SECRET, { algorithms: ['HS256'], maxAge: '15m' });
}

module.exports = { currentUser, issue, issueMagicLink, checkMagicLink };
