const jwt = require('jsonwebtoken');

exports.requireAuth = function requireAuth(req, res, next) {
  const header = req.get('authorization') || '';
  const [scheme, token] = header.split(' ');
  if (scheme !== 'Bearer' || !token) {
    return res.status(401).json({ error: 'authentication required' });
  }
  jwt.verify(token, process.env.JWT_SECRET, (err, claims) => {
    if (err) return res.status(401).json({ error: 'invalid token' });
    req.user = claims;
    next();
  });
};
