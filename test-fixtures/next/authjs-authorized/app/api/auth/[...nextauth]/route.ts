import { handlers } from '../../../../auth';

// expect-none: missing-auth -- Auth.js serves its own sign-in, callback and session endpoints
export const { GET, POST } = handlers;
