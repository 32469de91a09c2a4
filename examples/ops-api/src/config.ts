/** Runtime configuration. Values come from the environment, with fallbacks for local development. */

// RouteGuard hardcoded-secret: the JWT signing key is a literal in source control
const JWT_SECRET = 'ops-api-signing-key-9f8e7d6c5b4a';

export const config = {
  env: process.env.NODE_ENV ?? 'development',
  port: Number(process.env.PORT ?? 8080),
  jwtSecret: JWT_SECRET,
  accessTokenTtl: '12h',
  // RouteGuard hardcoded-secret: a database password inline in the connection string
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://ops_admin:Wint3r-Harb0ur-2291@ops-db.internal.example.com:5432/ops',
  // RouteGuard insecure-transport: the production partner API is called over plain http://
  partnerApiUrl: 'http://partners.fleetlink-logistics.net/api/v2',
  partnerApiKey: process.env.PARTNER_API_KEY ?? '',
  stripeSecretKey: process.env.STRIPE_SECRET_KEY ?? '',
  githubWebhookSecret: process.env.GITHUB_WEBHOOK_SECRET ?? '',
  uploadDir: process.env.UPLOAD_DIR ?? 'uploads/',
};
