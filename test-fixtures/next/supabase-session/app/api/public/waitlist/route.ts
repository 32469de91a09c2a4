import { NextResponse } from 'next/server';
import { createClient } from '@/utils/supabase/server';

// expect: missing-auth -- updateSession() lets /api/public through, and nothing else checks before this delete
export async function DELETE(request: Request) {
  const supabase = await createClient();
  const { email } = await request.json();
  await supabase.from('waitlist').delete().eq('email', String(email));
  return NextResponse.json({ ok: true });
}
