import { Router } from 'express';
import * as users from '../controllers/users.controller.js';
import { asyncHandler } from '../lib/async-handler.js';
import { loadUser, requireAuth, requireRole } from '../middleware/auth.js';

const router = Router();

// expect: missing-auth
router.get('/', users.listUsers);

// expect-none: missing-auth
router.post('/', requireAuth, requireRole('admin'), users.createUser);

// expect-none: missing-auth -- the role-check factory implies authentication
router.delete('/:id', requireRole('admin'), users.deleteUser);

// expect-none: missing-auth -- the handler checks the session itself
router.patch('/me', users.updateProfile);

// expect: missing-auth -- the wrapper hides nothing: no guard
router.post('/:id/lock', asyncHandler(users.lockUser));

// expect-none: missing-auth
router.post('/:id/unlock', requireRole('admin', 'support'), asyncHandler(users.unlockUser));

// expect: missing-auth -- optional auth attaches the user but lets everyone through
router.get('/recent', loadUser, users.recentSignups);

export default router;
