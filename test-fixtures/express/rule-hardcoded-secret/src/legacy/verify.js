const jwt = require('jsonwebtoken');
const config = require('./auth.config');

function verifyToken(req, res, next) {
  jwt.verify(String(req.headers['x-access-token']), config.secret, (err, decoded) => {
    if (err) return res.status(401).send({ message: 'Unauthorized' });
    req.userId = decoded.id;
    next();
  });
}

module.exports = { verifyToken };
