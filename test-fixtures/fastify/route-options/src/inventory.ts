export const inventory = {
  async upsert(input: unknown) {
    return { input };
  },
  async remove(params: unknown) {
    return { params };
  },
  async list() {
    return [];
  },
  async reset() {
    return true;
  },
};
