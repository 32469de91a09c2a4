export async function issueToken(email: string, password: string): Promise<string> {
  return `${email.length}.${password.length}`;
}

export async function createUser(data: { email: string; password: string }): Promise<{ id: string }> {
  return { id: data.email };
}
