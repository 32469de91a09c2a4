/** The rule catalog. One import per rule; the meta-test checks that id = file name and docs exist. */
import type { AnyRule } from './utils/define-rule';
import invalidSuppression from './invalid-suppression';
import massAssignment from './mass-assignment';
import missingAuth from './missing-auth';
import missingAuthz from './missing-authz';
import missingOwnershipCheck from './missing-ownership-check';
import missingBodyLimit from './missing-body-limit';
import missingRateLimit from './missing-rate-limit';
import missingWebhookVerification from './missing-webhook-verification';
import permissiveCors from './permissive-cors';
import stackTraceExposure from './stack-trace-exposure';
import insecureCookie from './insecure-cookie';
import jwtMisuse from './jwt-misuse';
import hardcodedSecret from './hardcoded-secret';
import sensitiveLogging from './sensitive-logging';
import insecureTransport from './insecure-transport';
import missingSecurityHeaders from './missing-security-headers';
import unusedSuppression from './unused-suppression';
import unvalidatedInput from './unvalidated-input';

export const allRules: readonly AnyRule[] = [
  missingAuth,
  missingAuthz,
  missingOwnershipCheck,
  unvalidatedInput,
  massAssignment,
  permissiveCors,
  stackTraceExposure,
  insecureCookie,
  jwtMisuse,
  missingRateLimit,
  missingBodyLimit,
  missingWebhookVerification,
  hardcodedSecret,
  sensitiveLogging,
  insecureTransport,
  missingSecurityHeaders,
  invalidSuppression,
  unusedSuppression,
];
