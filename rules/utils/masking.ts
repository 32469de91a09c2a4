/**
 * Masking detected secrets. Every place that puts a secret-bearing value into a finding, a
 * problem or a log goes through `maskSecret`, so no output (text, JSON, SARIF, LSP) ever holds a
 * detected secret in full.
 *
 * The mask keeps at most the first 4 characters, and fewer for short values (a quarter of the
 * length, rounded down), so that a human can tell which key it is without the mask giving most of
 * a short password away: `AKIAIOSFODNN7EXAMPLE` → `AKIA…(20 chars)`, `hunter22` → `hu…(8 chars)`,
 * `abc` → `…(3 chars)`. Control characters in the shown prefix are dropped.
 */
export function maskSecret(value: string): string {
  const chars = [...value];
  const shown = Math.min(4, Math.floor(chars.length / 4));
  const prefix = chars
    .slice(0, shown)
    .join('')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '');
  return `${prefix}…(${chars.length} chars)`;
}

/**
 * A connection string or URL with inline credentials, with only the password masked:
 * `postgres://app:s3cret@db.internal/app` → `postgres://app:****@db.internal/app`. The user name
 * and host help locate the credential and are not secret in themselves. Returns undefined when
 * the value holds no `user:password@` part.
 */
export function maskUrlPassword(value: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^:@/\s]*):([^@\s]+)@/i.exec(value);
  if (!m) return undefined;
  return `${m[1]}${m[2]}:****@${value.slice(m[0].length)}`;
}

/**
 * Replaces every occurrence of each secret in `text` with its mask. For messages that quote
 * third-party text (secretlint's own messages) as a second line of defence.
 */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}
