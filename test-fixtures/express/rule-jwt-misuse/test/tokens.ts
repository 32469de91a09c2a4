import jwt from 'jsonwebtoken';

// Test tokens are signed for one run; nothing here ships.
export function testToken(sub: string) {
  // expect-none: jwt-misuse
  return jwt.sign({ sub, role: 'admin' }, 'test-secret');
}
