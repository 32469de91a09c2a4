const httpStatus = require('http-status');
const { verifySession } = require('../services/session');

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A guard by behaviour: it reads the session and fails with a named 401 status.
const gate = async (req, res, next) => {
  const session = await verifySession(req.headers.authorization);
  if (!session) {
    return next(new ApiError(httpStatus.UNAUTHORIZED, 'Please authenticate'));
  }
  req.session = session;
  next();
};

module.exports = gate;
