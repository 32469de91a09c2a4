'use server';

import { cookies } from 'next/headers';
import { db } from '../../lib/db';

export type Theme = 'light' | 'dark';

// todo-expect-none: missing-auth -- sets a preference cookie on the caller only; it no longer counts as a write, but its folder 'settings' reads as a sensitive path
export async function setTheme(theme: Theme) {
  (await cookies()).set('theme', theme);
}

// expect: missing-auth -- reads settings of any account by id: a read, but an open one
export async function getAccountSettings(accountId: string) {
  return db.setting.findMany({ accountId });
}
