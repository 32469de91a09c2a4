const basePath = '/portal';

/** @type {import('next').NextConfig} */
const nextConfig = {
  basePath,
  experimental: { typedRoutes: true },
};

export default nextConfig;
