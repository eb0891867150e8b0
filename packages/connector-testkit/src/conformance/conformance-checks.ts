import { BATCH_LOOKUP_CHECKS } from './batch-lookup-checks.js';
import { CAPABILITY_CHECKS } from './capability-checks.js';
import { CHANGE_CHECKS } from './change-checks.js';
import { CONFIG_CHECKS } from './config-checks.js';
import type { ConformanceCheck } from './conformance-check.js';
import { CONNECTION_CHECKS } from './connection-checks.js';
import { CRUD_CHECKS } from './crud-checks.js';
import { ERROR_CHECKS } from './error-checks.js';
import { MANIFEST_CHECKS } from './manifest-checks.js';
import { MEMBERSHIP_CHECKS } from './membership-checks.js';
import { PAGING_CHECKS } from './paging-checks.js';
import { UPDATE_CHECKS } from './update-checks.js';

/** Every check of the suite, in the order they are declared. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  ...MANIFEST_CHECKS,
  ...CONFIG_CHECKS,
  ...CAPABILITY_CHECKS,
  ...CONNECTION_CHECKS,
  ...CRUD_CHECKS,
  ...BATCH_LOOKUP_CHECKS,
  ...UPDATE_CHECKS,
  ...PAGING_CHECKS,
  ...CHANGE_CHECKS,
  ...MEMBERSHIP_CHECKS,
  ...ERROR_CHECKS,
];

/** A check by id; throws for an unknown id so a typo in a test does not silently test nothing. */
export function conformanceCheck(id: string): ConformanceCheck {
  const check = CONFORMANCE_CHECKS.find((candidate) => candidate.id === id);
  if (!check)
    throw new Error(
      `No conformance check "${id}". Known: ${CONFORMANCE_CHECKS.map((c) => c.id).join(', ')}.`,
    );
  return check;
}
