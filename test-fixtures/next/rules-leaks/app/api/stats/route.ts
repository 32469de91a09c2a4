import { NextResponse } from 'next/server';

async function buildReport(): Promise<object> {
  throw new Error('not ready');
}

// expect-none: missing-auth
export async function GET() {
  try {
    // expect-none: permissive-cors -- an allowlisted origin
    return NextResponse.json(await buildReport(), { headers: { 'Access-Control-Allow-Origin': 'https://shop.example.com' } });
  } catch (err) {
    // expect: stack-trace-exposure
    return NextResponse.json({ error: (err as Error).stack }, { status: 500 });
  }
}

// routeguard-ignore-next-line missing-auth -- a public upload endpoint behind the CDN's token check
export async function POST(request: Request) {
  const form = await request.formData();
  try {
    return NextResponse.json({ size: (form.get('file') as File).size });
  } catch (err) {
    console.error(err);
    // expect-none: stack-trace-exposure
    return NextResponse.json({ error: 'Internal error' }, { status: 500 });
  }
}
