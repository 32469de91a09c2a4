export const notes = {
  async create(input: unknown) {
    return { id: 'n1', input };
  },
  async update(params: unknown, input: unknown) {
    return { params, input };
  },
  async remove(params: unknown) {
    return { params };
  },
};
