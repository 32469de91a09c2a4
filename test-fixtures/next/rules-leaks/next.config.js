/** @type {import('next').NextConfig} */
// expect-none: missing-security-headers -- the rule covers Express and Fastify apps
module.exports = {
  env: {
    // expect: hardcoded-secret -- next.config env keys are inlined into the client bundle
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
    // expect-none: hardcoded-secret
    APP_NAME: 'Shop',
  },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          // expect: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: '*' },
          { key: 'Access-Control-Allow-Methods', value: 'GET,POST' },
        ],
      },
    ];
  },
};
