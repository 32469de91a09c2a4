import crypto from 'node:crypto';

export function issueToken(userId: string): string {
  return `${userId}.${crypto.randomBytes(24).toString('base64url')}`;
}

export const sessionStore = new Map<string, string>();
