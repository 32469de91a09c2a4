'use server';

import { createClient } from '@/utils/supabase/server';

// expect-none: missing-auth -- supabase.auth.updateUser changes only the signed-in caller's account
export async function updateDisplayName(formData: FormData) {
  const supabase = await createClient();
  await supabase.auth.updateUser({ data: { display_name: String(formData.get('name')) } });
}

// expect: missing-auth -- the admin API with the service key deletes any account
export async function removeAccount(userId: string) {
  const supabase = await createClient();
  await supabase.auth.admin.deleteUser(userId);
}
