export const sessions = {
  async find(token: string) {
    return token === '' ? undefined : { user: { id: 'u1', role: 'admin' } };
  },
};

export const users = {
  async remove(id: string) {
    return { id };
  },
  async list() {
    return [];
  },
};

export const reports = {
  async create(input: unknown) {
    return { id: 'r1', input };
  },
  async exportAll() {
    return [];
  },
};
