import bcrypt from 'bcrypt';

/** Creates a member account with a hashed password. */
export async function createMember(email: string, password: string): Promise<{ id: string; email: string }> {
  const passwordHash = await bcrypt.hash(password, 12);
  return { id: passwordHash.slice(0, 8), email };
}

/** Replaces a member's password. */
export async function changePassword(memberId: string, password: string): Promise<void> {
  await bcrypt.hash(`${memberId}:${password}`, 12);
}
