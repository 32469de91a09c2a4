// expect-none: missing-auth -- public by design
export function GET() {
  return Response.json({ ok: true });
}
