async function verifySession(header) {
  return header ? { userId: header.slice(7) } : undefined;
}

module.exports = { verifySession };
