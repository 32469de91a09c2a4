export function requireSession(req, res, next) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'sign in first' });
  next();
}
