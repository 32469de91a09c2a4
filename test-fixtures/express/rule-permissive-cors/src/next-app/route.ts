import { NextResponse } from 'next/server';

export async function GET(request: Request) {
  const origin = request.headers.get('origin');
  return NextResponse.json(
    { items: [] },
    // expect: permissive-cors
    { headers: { 'Access-Control-Allow-Origin': origin ?? '*', 'Access-Control-Allow-Credentials': 'true' } },
  );
}

export async function OPTIONS() {
  return new Response(null, {
    // expect-none: permissive-cors
    headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' },
  });
}
