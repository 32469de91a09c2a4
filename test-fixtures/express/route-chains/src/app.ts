import express, { Router } from 'express';
import { requireAuth } from './guards.js';
import { createReport, deleteReport, getReport, listReports, listTags, createTag } from './handlers.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());

app
  .route('/api/reports')
  // expect: missing-auth -- 'reports' is sensitive
  .get(listReports)
  // expect-none: missing-auth
  .post(requireAuth, createReport);

const router = Router();

// expect: missing-auth -- the GET is public (tags), the POST on the same line is not guarded
router.route('/tags').get(listTags).post(createTag);

router
  .route('/reports/:id')
  // expect-none: missing-auth -- route.all(guard) runs before every method of this route
  .all(requireAuth)
  // expect-none: missing-auth -- guarded by the .all(requireAuth) above
  .get(getReport)
  // expect: missing-authz -- a delete behind authentication only
  // expect-none: missing-auth -- guarded by the .all(requireAuth) above
  .delete(deleteReport);

app.use('/api/v2', router);

app.listen(3000);
