const table = {
  async insert(input: unknown) {
    return { input };
  },
  async update(input: unknown) {
    return { input };
  },
  async list(query: unknown) {
    return [query];
  },
};

export const db = { users: table, teams: table };
