import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';

/**
 * Deadlines for tests that do not test deadlines: a request deadline of 10 s and vendor attempts of
 * 8 s, so a loaded 2-core machine (the whole suite runs in parallel) slows a test down but never
 * turns a vendor answer into a timeout, a retry or a different call count. Tests about deadlines and
 * timeouts set their own, which win.
 */
export const PATIENT_TIMEOUTS: Readonly<Record<string, string>> = {
  REQUEST_DEADLINE_MS: '10000',
  ...Object.fromEntries(VENDOR_REGISTRY.descriptors.map((vendor) => [`${vendor.envPrefix}_TIMEOUT_MS`, '8000'])),
};
