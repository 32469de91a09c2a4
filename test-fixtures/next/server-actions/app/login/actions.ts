'use server';

import { signIn } from '../../auth';

// expect-none: missing-auth -- Auth.js signIn(): a sign-in by behaviour
// expect: missing-rate-limit
export async function loginWithCredentials(_prev: string | undefined, formData: FormData) {
  await signIn('credentials', formData);
}
