import { NextResponse } from 'next/server';
import { createClient } from '@/utils/supabase/server';

// expect-none: missing-auth -- getUser() checked in the handler too
export async function PATCH(request: Request) {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401 });
  }
  const { displayName } = await request.json();
  await supabase.from('profiles').update({ display_name: String(displayName) }).eq('id', user.id);
  return NextResponse.json({ ok: true });
}
