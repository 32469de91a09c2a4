import crypto from 'node:crypto';

/** Checks a GitHub signature. Wrong: `===` returns at the first differing character. */
export function signatureMatches(body: string, header: string): boolean {
  const expected = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(body).digest('hex');
  return expected === header;
}
