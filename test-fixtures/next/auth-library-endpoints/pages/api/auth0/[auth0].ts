import { handleAuth } from '@auth0/nextjs-auth0';

// expect-none: missing-auth -- Auth0's login, logout and callback endpoints
export default handleAuth();
