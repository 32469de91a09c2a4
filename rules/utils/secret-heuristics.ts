/**
 * What counts as a secret, by name and by value. Shared by `hardcoded-secret` (is this literal a
 * secret?) and `sensitive-logging` (does this value carry one?), so the two rules agree on names.
 *
 * Names are judged by their last word (`jwtSecret`, `DB_PASSWORD`, `stripeApiKey` are secrets;
 * `tokenExpiresIn`, `passwordMinLength`, `secretName` are not), values by whether they look like a
 * placeholder, a key name or prose rather than a credential.
 */

/** `stripeAPIKey` → ['stripe','api','key']; `JWT_SECRET` → ['jwt','secret']; `x-api-key` → ['x','api','key']. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export type SecretNameKind = 'secret' | 'password' | 'api-key' | 'private-key' | 'token';

/** Words that qualify a trailing `key` as a credential (`apiKey`, `signingKey`); `cacheKey` and `sortKey` are not. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'master', 'client', 'app', 'auth', 'hmac', 'license', 'subscription', 'service', 'jwt', 'session', 'cookie', 'webhook', 'aes', 'crypto', 'cipher']);
/** Anywhere in a name, these make it about something other than a live credential. */
const NOT_A_SECRET_WORDS = new Set(['public', 'publishable', 'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'label', 'message', 'msg', 'error', 'hint', 'regex', 'pattern', 'prompt', 'text', 'title', 'description', 'format', 'validator', 'schema', 'env', 'var']);

/**
 * Answers of a pure function of a name, remembered: rules ask about the same few hundred names
 * (object keys, variables, fields) for every literal and log call of a project. Bounded, so that a
 * long language-server session does not grow it without end.
 */
function memoByName<T>(compute: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    if (known.has(name)) return known.get(name) as T;
    if (known.size >= 20_000) known.clear();
    const value = compute(name);
    known.set(name, value);
    return value;
  };
}

/** The kind of credential a name denotes, judged by its last word; undefined when it is not one. */
export const secretNameKind: (name: string) => SecretNameKind | undefined = memoByName(readSecretNameKind);

function readSecretNameKind(name: string): SecretNameKind | undefined {
  // `'email or password'` as an object key is prose (a validation message), not a name.
  if (/\s/.test(name)) return undefined;
  const words = splitWords(name);
  if (words.length === 0 || words.length > 8) return undefined;
  if (words.some((w) => NOT_A_SECRET_WORDS.has(w))) return undefined;
  // `is_password_set`, `hasToken`: booleans about a credential.
  if (words.length > 1 && /^(is|has|should|use|enable|enabled|require|required|allow|with|without|no|show|hide)$/.test(words[0]!)) return undefined;
  const last = words[words.length - 1]!;
  const prev = words[words.length - 2];
  if (last === 'secret' || last === 'secrets' || last === 'credential' || last === 'credentials' || last === 'passphrase') return 'secret';
  if (last === 'password' || last === 'passwd' || last === 'pwd' || (last === 'pass' && words.length > 1)) return 'password';
  if (last === 'token' || last === 'jwt' || last === 'bearer') return prev === 'csrf' || prev === 'xsrf' ? undefined : 'token';
  if (last === 'apikey' || last === 'secretkey' || last === 'privatekey' || last === 'accesskey') return last === 'privatekey' ? 'private-key' : 'api-key';
  if (last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) return prev === 'private' ? 'private-key' : 'api-key';
  // `SECRET_KEY_BASE` (Rails-style) and `secret_key`.
  if (last === 'base' && prev === 'key' && words[words.length - 3] === 'secret') return 'secret';
  return undefined;
}

export type SensitiveKind = 'secret' | 'auth-header' | 'card' | 'pii';

/**
 * The kind of sensitive data a field or variable name carries, for logging: credentials (as in
 * `secretNameKind`, plus `authorization`, cookies, one-time codes and password hashes), payment
 * card data (card numbers, security codes) and other PII (phone numbers, social security numbers,
 * IBANs).
 */
export const sensitiveNameKind: (name: string) => SensitiveKind | undefined = memoByName(readSensitiveNameKind);

function readSensitiveNameKind(name: string): SensitiveKind | undefined {
  if (/\s/.test(name)) return undefined;
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization' || lower === 'cookie' || lower === 'cookies' || lower === 'set-cookie' || lower === 'x-api-key' || lower === 'x-auth-token' || lower === 'x-access-token') return 'auth-header';
  const words = splitWords(name);
  if (words.length === 0 || words.length > 8) return undefined;
  const last = words[words.length - 1]!;
  const prev = words[words.length - 2];
  if (secretNameKind(name)) return 'secret';
  if (words.some((w) => NOT_A_SECRET_WORDS.has(w))) return undefined;
  if (last === 'otp' || (last === 'hash' && (prev === 'password' || prev === 'pwd'))) return 'secret';
  if (last === 'key' && (prev === 'api' || prev === 'x')) return 'secret';
  if (last === 'ssn' || (last === 'number' && prev === 'security' && words.includes('social'))) return 'pii';
  if (last === 'phone' || last === 'telephone' || last === 'msisdn' || (last === 'number' && (prev === 'phone' || prev === 'mobile' || prev === 'telephone'))) return 'pii';
  if (last === 'cvv' || last === 'cvc' || last === 'cvv2' || last === 'pan') return last === 'pan' && words.length === 1 ? undefined : 'card';
  if ((last === 'number' || last === 'num' || last === 'no') && (prev === 'card' || prev === 'cc')) return 'card';
  if ((last === 'number' || last === 'num' || last === 'no') && prev === 'account' && words.includes('bank')) return 'pii';
  if (last === 'card' && prev === 'credit') return 'card';
  if (last === 'iban') return 'pii';
  return undefined;
}

const PLACEHOLDER = new RegExp(
  '^(?:' +
    [
      'x+', '\\*+', '\\.+', '-+', '_+', '#+', '0+', '1234', '12345', '123456', '123456789',
      'change[-_ ]?me', 'change[-_ ]?this', 'change[-_ ]?it', 'replace[-_ ]?me', 'replace[-_ ]?this', 'todo', 'tbd', 'fixme', 'placeholder',
      'example', 'sample', 'dummy', 'fake', 'mock', 'test', 'testing', 'none', 'null', 'undefined', 'nil', 'n/?a', 'empty', 'default', 'redacted', 'hidden', 'masked',
      // Not 'secret' or 'password': `jwtSecret: 'secret'` is a real (and guessable) key in production code.
      'value', 'string', 'foo', 'bar', 'baz', 'abc',
    ].join('|') +
    ')$',
  'i',
);

const PLACEHOLDER_WORDS = new Set(['your', 'here', 'insert', 'replace', 'enter', 'fill', 'changeme', 'placeholder', 'redacted', 'xxx', 'xxxx']);

/**
 * Values that stand for "fill this in", not for a credential: empty or short (< `minLength`),
 * `changeme`, `xxx`, `<your-key>`, `{{token}}`, `${SECRET}`, `%API_KEY%`, `your-api-key-here`.
 */
export function isPlaceholderValue(value: string, minLength = 1): boolean {
  const v = value.trim();
  if (v.length < Math.max(1, minLength)) return true;
  if (PLACEHOLDER.test(v)) return true;
  if (/^<[^>]*>$|^\{\{.*\}\}$|^\$\{[^}]*\}$|^\$[A-Z_][A-Z0-9_]*$|^%[^%]+%$|^\[[^\]]*\]$|^__[A-Z0-9_]+__$/i.test(v)) return true;
  // `your-api-key-here`, `YOUR_JWT_SECRET`, `replace_with_a_secret`, `insert token here`.
  if (splitWords(v).some((w) => PLACEHOLDER_WORDS.has(w))) return true;
  if (/^(x{3,}|\*{3,})|(x{6,}|\*{6,})$/i.test(v)) return true;
  return false;
}

/**
 * Values that name something rather than being a credential: an environment variable name
 * (`'STRIPE_API_KEY'`), a header, cookie or storage key (`'x-api-key'`, `'refresh_token'`,
 * `'jwt.secret'` as a config path), a URL or path, or prose (three words or more).
 */
export function looksLikeNameNotSecret(value: string, ownerName?: string): boolean {
  const v = value.trim();
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v)) return true;
  if (/^(https?:)?\/\//i.test(v) || /^\.{0,2}\//.test(v)) return true;
  if ((v.match(/\s+/g)?.length ?? 0) >= 2) return true;
  // `'refresh_token'`, `'x-api-key'`, `'jwt.secret'` name a cookie, header or config path; one
  // word (`jwtSecret: 'secret'`) or three and more (`'my-super-secret'`, `'acme-secret-key'`)
  // read as a made-up key instead.
  const words = splitWords(v);
  if (/^[a-z]+([-_.:][a-z]+)*$/i.test(v) && (words.length === 2 || words[0] === 'x') && words.some((w) => /^(token|secret|password|passwd|pwd|key|apikey|auth|authorization|session|sid|cookie|bearer|jwt|csrf|xsrf|header|refresh|access|credentials?)$/.test(w))) return true;
  if (ownerName && fold(v) === fold(ownerName)) return true;
  return false;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// ---------------------------------------------------------------- URLs with credentials

export interface CredentialUrl {
  scheme: string;
  user: string;
  password: string;
  host: string;
}

const DB_SCHEMES = /^(postgres(?:ql)?|mysql2?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|couchdb|neo4j(?:\+s)?|bolt|nats|kafka|ldaps?|ftps?|sftp|smtps?)$/i;

/** `postgres://app:s3cret@db.acme.io:5432/app` → its parts; undefined when there is no inline password. */
export function parseCredentialUrl(value: string): CredentialUrl | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^:@/\s]*):([^@\s/]+)@([^/:?#\s]*)/i.exec(value.trim());
  if (!m) return undefined;
  return { scheme: m[1]!.toLowerCase(), user: m[2]!, password: m[3]!, host: m[4]!.toLowerCase() };
}

export function isDatabaseScheme(scheme: string): boolean {
  return DB_SCHEMES.test(scheme);
}

/** Default passwords of development databases and message brokers (Docker images, tutorials). */
const DEV_DEFAULT_PASSWORDS = new Set(['postgres', 'password', 'root', 'example', 'secret', 'admin', 'guest', 'pass', 'dev', 'test', 'changeme', 'mysql', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'user', 'docker', 'local', 'sa']);

/**
 * Why a credential URL is not worth reporting, if it is not: its password is a placeholder or an
 * interpolation, or it points at this machine, or at a single-label (Docker Compose service) host
 * with a well-known development default password.
 */
export function credentialUrlIsHarmless(url: CredentialUrl): boolean {
  const pw = decodeSafe(url.password);
  // `user:password@host` is how documentation writes "your password here".
  if (isPlaceholderValue(pw) || /^(password|passwd|pass|pwd|secret|yourpassword|mypassword)$/i.test(pw) || /\$\{|\$[A-Z_]|%[A-Z_]+%|\{\{/.test(url.password)) return true;
  if (isLocalHost(url.host)) return true;
  const singleLabel = url.host !== '' && !url.host.includes('.');
  return singleLabel && (DEV_DEFAULT_PASSWORDS.has(pw.toLowerCase()) || pw.toLowerCase() === url.user.toLowerCase());
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** localhost, loopback and unspecified addresses (with an optional port already stripped). */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '0.0.0.0' || h === '::1' || h === '::' || h === 'host.docker.internal';
}

/** Private-network and development hosts: RFC 1918/4193 addresses, link-local, `.local`, `.internal`, `.test`, single labels. */
export function isPrivateOrDevHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLocalHost(h)) return true;
  if (/^10\./.test(h) || /^192\.168\./.test(h) || /^169\.254\./.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h)) return true;
  if (/^f[cd][0-9a-f]{2}:/.test(h) || /^fe80:/.test(h)) return true;
  if (/\.(local|internal|lan|home|test|example|invalid|localdomain|intranet|corp|svc|cluster\.local)$/.test(h)) return true;
  if (/^(.+\.)?example\.(com|org|net)$/.test(h)) return true;
  return h !== '' && !h.includes('.') && !h.includes(':');
}

// ---------------------------------------------------------------- paths

/**
 * Test code, test data, fixtures, examples, docs, seeds and CI files of the analyzed project
 * (paths relative to the analyzed root). Secrets there are usually throw-away values, so
 * `hardcoded-secret` reports only the strong evidence there, at lower severity, and
 * `insecure-transport` skips them.
 */
export function isTestLikePath(file: string): boolean {
  let known = testLikePaths.get(file);
  if (known === undefined) {
    if (testLikePaths.size > 100_000) testLikePaths.clear();
    testLikePaths.set(file, (known = readTestLikePath(file)));
  }
  return known;
}

// Project-wide checks ask for every file on every run of the language server: answered once per path.
const testLikePaths = new Map<string, boolean>();

function readTestLikePath(file: string): boolean {
  const p = `/${file.toLowerCase()}`;
  if (/\/(test|tests|__tests__|__mocks__|__fixtures__|spec|specs|e2e|cypress|playwright|fixtures?|mocks?|examples?|samples?|demo|docs?|seeds?|seeders|stories|storybook|\.github|\.circleci|\.gitlab)\//.test(p)) return true;
  if (/\.(test|spec|e2e|stories|story|fixture|fixtures|mock|mocks|seed)\.[a-z0-9]+$/.test(p)) return true;
  return /\/(\.gitlab-ci\.ya?ml|\.travis\.ya?ml|\.drone\.ya?ml|appveyor\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|cloudbuild\.ya?ml|jenkinsfile|jest\.setup\.[a-z]+|vitest\.setup\.[a-z]+|setup-tests?\.[a-z]+)$/.test(p) || /\/\.buildkite\//.test(p);
}

/** JSON files that are tooling or package metadata, never application config. */
export function isToolingJson(file: string): boolean {
  return /(^|\/)(package(-lock)?\.json|npm-shrinkwrap\.json|tsconfig[^/]*\.json|jsconfig\.json|[^/]*\.schema\.json|composer\.json|bower\.json|\.eslintrc[^/]*|\.prettierrc[^/]*|renovate\.json|lerna\.json|nx\.json|turbo\.json|angular\.json|project\.json|manifest\.json|\.babelrc|app\.json|vercel\.json|netlify\.json)$/i.test(file) || /(^|\/)\.(vscode|devcontainer|idea)\//.test(file);
}

/** `.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`, `example.env`: files of placeholders by convention. */
export function isEnvTemplateFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return /^\.env\.(example|sample|template|dist|defaults|schema|tpl)(\..*)?$/.test(base) || /^(example|sample|template)\.env$/.test(base) || /\.env\.(example|sample|template)$/.test(base);
}

export function isEnvFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

/** `jwtSecret` → `JWT_SECRET`, `apiKey` → `API_KEY`, `db.password` → `DB_PASSWORD`. */
export function toEnvName(name: string): string {
  const words = splitWords(name);
  return words.length > 0 ? words.join('_').toUpperCase() : 'SECRET';
}
