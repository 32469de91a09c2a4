export const accounts = {
  async changePassword(userId: unknown, input: unknown) {
    return { userId, changed: Boolean(input) };
  },
  async savePreferences(input: unknown) {
    return { saved: Boolean(input) };
  },
};
