export interface User {
  id: string;
  email: string;
  role: 'member' | 'support' | 'admin';
  locked: boolean;
}

export const users = new Map<string, User>();
