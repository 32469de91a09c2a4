import axios from 'axios';

// expect: insecure-transport -- named like an endpoint
const PARTNER_API_URL = 'http://api.fleetlink-partners.com/v2';

// expect-none: insecure-transport -- https
const BILLING_API_URL = 'https://billing.acme-payments.io/v1';

// expect-none: insecure-transport -- localhost during development
const LOCAL_API_URL = 'http://localhost:4000/api';

// expect-none: insecure-transport -- an XML namespace, never fetched
const SVG_NS = 'http://www.w3.org/2000/svg';

// expect-none: insecure-transport -- a Docker Compose service name
const SEARCH_URL = 'http://search:9200';

export async function fetchRates() {
  // expect: insecure-transport -- a request to a plain-http URL
  const rates = await fetch('http://rates.exchange-feed.net/latest');
  // expect: insecure-transport -- an auth endpoint by its path
  const token = await axios.post(`http://sso.acme-corp.net/oauth/token`, { grant_type: 'client_credentials' });
  // expect: insecure-transport -- a plain WebSocket
  const socket = new WebSocket('ws://stream.exchange-feed.net/ticks');
  return { rates, token, socket, partner: PARTNER_API_URL, billing: BILLING_API_URL, local: LOCAL_API_URL, ns: SVG_NS, search: SEARCH_URL };
}
