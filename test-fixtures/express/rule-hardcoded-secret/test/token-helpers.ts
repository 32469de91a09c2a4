import jwt from 'jsonwebtoken';

// expect: hardcoded-secret -- in a test file: reported at low severity
const TEST_SECRET = 'Jx82kq-signing-key-5521';

export function tokenFor(userId: string): string {
  return jwt.sign({ sub: userId }, TEST_SECRET);
}

export function fakeToken(userId: string): string {
  // expect-none: hardcoded-secret -- a value that says it is a test value
  return jwt.sign({ sub: userId }, 'test-secret');
}

// expect-none: hardcoded-secret -- a test credential in test code
export const TEST_DB = 'mongodb://test:testpass@ds056315-a0.mongolab.com:59325/testdb';
