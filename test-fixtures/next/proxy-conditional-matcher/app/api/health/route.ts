// expect-none: missing-auth
export function GET() {
  return Response.json({ status: 'ok' });
}
