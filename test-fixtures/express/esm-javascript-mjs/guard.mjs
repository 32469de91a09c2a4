const tokens = new Set((process.env.STAFF_TOKENS ?? '').split(',').filter(Boolean));

export default function staffOnly(req, res, next) {
  const token = req.get('x-access-token');
  if (!token || !tokens.has(token)) return res.status(401).send('staff token required');
  next();
}
