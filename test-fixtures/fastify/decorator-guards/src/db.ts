const table = {
  async create(input: unknown) {
    return { input };
  },
  async update(input: unknown) {
    return { input };
  },
  async remove(params: unknown) {
    return { params };
  },
  async find(params: unknown) {
    return { params };
  },
  async insert(input: unknown) {
    return { input };
  },
  async purge() {
    return { purged: true };
  },
  async exists(key: string) {
    return key.length > 0;
  },
};

export const db = { projects: table, audit: table, events: table, apiKeys: table };
