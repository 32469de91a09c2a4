import { NextResponse } from 'next/server';
import { createClient } from '@/utils/supabase/server';

// expect-none: missing-auth -- updateSession() redirects anonymous callers on /api/notes
export async function POST(request: Request) {
  const supabase = await createClient();
  const { text } = await request.json();
  const { data } = await supabase.from('notes').insert({ text: String(text) }).select();
  return NextResponse.json(data, { status: 201 });
}
