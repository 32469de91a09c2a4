'use server';

import { redirect } from 'next/navigation';
import { createClient } from '@/utils/supabase/server';

// expect-none: missing-auth -- a sign-in by behaviour: supabase.auth.signInWithPassword
// expect: missing-rate-limit
export async function logInWithEmail(formData: FormData) {
  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithPassword({ email: String(formData.get('email')), password: String(formData.get('password')) });
  if (error) redirect('/login?error=1');
  redirect('/');
}
