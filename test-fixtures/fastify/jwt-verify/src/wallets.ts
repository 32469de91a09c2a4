export const wallets = {
  async transfer(user: unknown, input: unknown) {
    return { user, input };
  },
  async removeCard(owner: string, params: unknown) {
    return { owner, params };
  },
  async setLimits(owner: string | undefined, input: unknown) {
    return { owner, input };
  },
  async topUp(input: unknown) {
    return { input };
  },
};
