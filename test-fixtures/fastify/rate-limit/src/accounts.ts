import bcrypt from 'bcrypt';

const users = new Map<string, string>();

export const accounts = {
  async login(input: unknown) {
    const { email, password } = input as { email: string; password: string };
    return bcrypt.compare(password, users.get(email) ?? '');
  },
  async reset(input: unknown) {
    return { requested: input };
  },
  async verifyOtp(input: unknown) {
    return { checked: input };
  },
};
