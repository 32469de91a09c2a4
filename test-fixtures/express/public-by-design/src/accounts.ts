import bcrypt from 'bcrypt';

interface Account {
  id: string;
  email: string;
  passwordHash: string;
}

const accounts = new Map<string, Account>();

export async function verifyPassword(email: string, password: string): Promise<Account | undefined> {
  const account = [...accounts.values()].find((a) => a.email === email);
  return account && (await bcrypt.compare(password, account.passwordHash)) ? account : undefined;
}

export async function createAccount(email: string, password: string): Promise<Account> {
  const account = { id: crypto.randomUUID(), email, passwordHash: await bcrypt.hash(password, 12) };
  accounts.set(account.id, account);
  return account;
}

export async function sendResetEmail(email: string): Promise<void> {
  console.info(`reset requested for ${email.replace(/(.).*@/, '$1***@')}`);
}
