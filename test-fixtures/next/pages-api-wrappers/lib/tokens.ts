export async function verifySessionToken(token: string): Promise<{ userId: string } | null> {
  return token.length > 10 ? { userId: token.slice(0, 8) } : null;
}
