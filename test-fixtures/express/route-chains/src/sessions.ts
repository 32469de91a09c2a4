export interface Session {
  userId: string;
  role: 'member' | 'admin';
}

export const sessions = new Map<string, Session>();
