/** @type {import('next').NextConfig} */
// todo-expect: missing-security-headers -- the rule covers Express and Fastify apps; a Next app that sets no security headers in next.config headers() or middleware is not reported yet
module.exports = { reactStrictMode: true };
