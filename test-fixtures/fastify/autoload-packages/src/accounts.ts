export const accounts = {
  async login(input: unknown) {
    return { session: Boolean(input) };
  },
  async sendReset(input: unknown) {
    return { sent: Boolean(input) };
  },
};
