/** @type {import('next').NextConfig} */
const nextConfig = {
  experimental: {
    serverActions: {
      // expect: missing-body-limit -- 20 MB for every server action, before any of them checks a session
      bodySizeLimit: '20mb',
    },
  },
};

export default nextConfig;
