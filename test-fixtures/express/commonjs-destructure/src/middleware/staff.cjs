'use strict';

/** Session-based guard for the back office: staff members only. */
function requireStaff(req, res, next) {
  if (!req.session || !req.session.staffId) {
    return res.status(401).json({ error: 'staff sign-in required' });
  }
  next();
}

module.exports = { requireStaff };
