// expect: insecure-transport
const PARTNER_API = 'http://api.partner-logistics.com/v2';
// expect-none: insecure-transport
const SANDBOX_API = 'http://localhost:4010/v2';

export const partner = {
  async status() {
    const base = process.env.NODE_ENV === 'production' ? PARTNER_API : SANDBOX_API;
    const res = await fetch(`${base}/status`);
    return res.json();
  },
};
