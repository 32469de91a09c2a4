/** The rule catalog. One import per rule; the meta-test checks that id = file name and docs exist. */
import type { AnyRule } from './utils/define-rule';
import missingAuth from './missing-auth';

export const allRules: readonly AnyRule[] = [missingAuth];
