import { Pool } from 'pg';

export const settings = {
  stripe: {
    // expect: hardcoded-secret
    apiKey: process.env.STRIPE_API_KEY,
    // expect-none: hardcoded-secret -- a publishable key is public by design
    publishableKey: 'pk_live_5bN3vC8xZ1mQ7wE2',
  },
  mail: {
    user: 'mailer@acme-payments.io',
    // expect-none: hardcoded-secret -- a placeholder
    password: '<your-smtp-password>',
  },
  // expect-none: hardcoded-secret -- the name of a header, not a token
  tokenHeader: 'x-api-key',
  // expect-none: hardcoded-secret -- a cookie name
  ACCESS_TOKEN: 'access_token',
  // expect-none: hardcoded-secret -- how long, not which
  tokenExpiresIn: '15m',
  // expect-none: hardcoded-secret -- the name of an environment variable
  apiKeyVar: 'PAYMENTS_API_KEY',
};

export const pool = new Pool({
  // expect: hardcoded-secret
  connectionString: process.env.DATABASE_URL,
});

// expect-none: hardcoded-secret -- the password comes from the environment
export const replicaUrl = `postgres://payments:${process.env.REPLICA_PASSWORD}@replica.acme-payments.io:5432/payments`;

// expect-none: hardcoded-secret -- local development database with the image's default password
export const devUrl = 'postgres://postgres:postgres@localhost:5432/payments';

// expect: hardcoded-secret -- an AWS access key id (secretlint)
export const awsKeyId = process.env.AWS_ACCESS_KEY_ID;

// expect-none: hardcoded-secret -- the documentation placeholder for a password
export const docsUrl = 'postgres://user:password@db.acme-payments.io:5432/payments';
