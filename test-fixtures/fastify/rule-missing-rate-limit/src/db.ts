export const users = {
  async findByEmail(email: string): Promise<{ id: string; passwordHash: string } | undefined> {
    return email ? { id: '1', passwordHash: '' } : undefined;
  },
};

export const sessions = {
  async find(token: string): Promise<{ user: { id: string } } | undefined> {
    return token ? { user: { id: '1' } } : undefined;
  },
};
