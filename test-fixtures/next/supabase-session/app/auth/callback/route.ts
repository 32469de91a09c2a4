import { NextResponse } from 'next/server';
import { createClient } from '@/utils/supabase/server';

// expect-none: missing-auth -- the OAuth callback is public by design
export async function GET(request: Request) {
  const { searchParams, origin } = new URL(request.url);
  const code = searchParams.get('code');
  if (code) {
    const supabase = await createClient();
    await supabase.auth.exchangeCodeForSession(code);
  }
  return NextResponse.redirect(`${origin}/`);
}
