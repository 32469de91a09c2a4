const revoked = new Set<string>();

export const denylist = {
  async add(token: string) {
    revoked.add(token);
  },
  has(token: string) {
    return revoked.has(token);
  },
};
