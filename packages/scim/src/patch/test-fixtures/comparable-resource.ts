import { ENTERPRISE_USER_SCHEMA } from '../../schema/urns.js';
import { TEST_EXTENSION } from './test-registry.js';

/**
 * A resource reduced to what a PATCH can set, in a canonical form for comparison: readOnly parts
 * dropped (id, meta, groups, manager.displayName, clearance), unassigned values dropped,
 * multi-valued lists sorted (they have no order), `schemas` left out (checked on its own).
 */
export function comparable(resource: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = structuredClone(resource);
  for (const key of ['id', 'meta', 'groups', 'schemas']) delete copy[key];
  const enterprise = copy[ENTERPRISE_USER_SCHEMA] as Record<string, Record<string, unknown>> | undefined;
  if (enterprise?.manager) delete enterprise.manager.displayName;
  const test = copy[TEST_EXTENSION] as Record<string, unknown> | undefined;
  if (test) delete test.clearance;
  return canonical(copy);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter((item) => item !== undefined);
    if (items.length === 0) return undefined;
    return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  if (value === null) return undefined;
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, member]) => [key, canonical(member)] as const)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** The extension URNs a resource carries an object for, lower-cased and sorted. */
export function presentExtensions(resource: Record<string, unknown>): string[] {
  return Object.keys(resource)
    .filter(
      (key) =>
        key.toLowerCase().startsWith('urn:') && resource[key] !== null && typeof resource[key] === 'object',
    )
    .map((key) => key.toLowerCase())
    .sort();
}

/** The extension URNs a resource lists in `schemas` (everything after the core schema). */
export function listedExtensions(resource: Record<string, unknown>, core: string): string[] {
  return ((resource.schemas as string[] | undefined) ?? [])
    .filter((urn) => urn.toLowerCase() !== core.toLowerCase())
    .map((urn) => urn.toLowerCase())
    .sort();
}
