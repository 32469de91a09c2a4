export interface User {
  id: string;
  email: string;
  passwordHash: string;
}

export const users = {
  async findByEmail(email: string): Promise<User | undefined> {
    return email ? { id: '1', email, passwordHash: '' } : undefined;
  },
  async findById(id: string): Promise<User | undefined> {
    return id ? { id, email: 'a@example.com', passwordHash: '' } : undefined;
  },
};

export async function sendMail(to: string, subject: string): Promise<void> {
  void to;
  void subject;
}
