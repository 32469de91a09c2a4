/** @type {import('next').NextConfig} */
const nextConfig = {
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
      {
        source: '/embed/:path*',
        headers: [
          // expect-none: permissive-cors
          { key: 'Access-Control-Allow-Origin', value: 'https://partner.example.com' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
