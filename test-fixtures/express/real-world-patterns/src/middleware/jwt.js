const { expressjwt } = require('express-jwt');

// The RealWorld app's shape: `auth.optional` lets anonymous callers through.
const auth = {
  required: expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }),
  optional: expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'], credentialsRequired: false }),
};

module.exports = auth;
