const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');

async function createAccount(input) {
  const password = await bcrypt.hash(input.password, 12);
  const user = { id: Date.now().toString(), email: input.email, password };
  return { user, token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' }) };
}

async function createStaffMember(input) {
  const password = await bcrypt.hash(input.password, 12);
  return { id: Date.now().toString(), email: input.email, password };
}

module.exports = { createAccount, createStaffMember };
