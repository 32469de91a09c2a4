export const files = {
  async save(file: unknown) {
    return { stored: Boolean(file) };
  },
  async read(params: unknown) {
    return { params };
  },
};
