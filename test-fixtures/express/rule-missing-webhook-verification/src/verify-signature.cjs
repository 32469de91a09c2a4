const crypto = require('crypto');

// Wrong on purpose: `===` stops at the first differing character.
exports.verifySignature = (req) => {
  const signature = req.headers['x-hub-signature-256'];
  const digest = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.rawBody).digest('hex');
  return signature === digest;
};

// Right: constant time, on equal-length buffers.
exports.verifySignatureSafely = (req) => {
  const given = Buffer.from(String(req.headers['x-hub-signature-256'] || ''));
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.rawBody).digest('hex'));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
};
