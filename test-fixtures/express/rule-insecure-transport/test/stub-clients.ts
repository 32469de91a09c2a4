// expect-none: insecure-transport -- test code talks to a stub
export const STUB_API_URL = 'http://stub.acme-payments.io/api';
