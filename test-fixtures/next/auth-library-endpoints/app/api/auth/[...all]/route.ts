import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '../../../../lib/auth';

// expect-none: missing-auth -- better-auth's own endpoints
export const { GET, POST } = toNextJsHandler(auth);
