import { db } from '../../../../lib/db';
import { createOrgReportRoute } from '../../../../lib/middleware';

// expect-none: missing-auth -- the factory builds the handler with withAuth
export const GET = createOrgReportRoute((orgId) => db.invoice.findMany({ orgId }));
