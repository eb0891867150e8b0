import type { FilterNode, PatchOperation, SchemaRegistry, ScimResource } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import type { TargetStore } from '../store/target-store.js';

/** The operations a policy may refuse. */
export type TargetOperation = 'list' | 'get' | 'create' | 'replace' | 'patch' | 'delete';

/** What every policy hook is told about the request at hand. */
export interface PolicyContext {
  readonly resourceType: ResourceTypeName;
  readonly store: TargetStore;
  readonly registry: SchemaRegistry;
}

/** A resource about to be stored by a create, replace or PATCH. */
export interface ResourceWrite {
  readonly operation: 'create' | 'replace' | 'patch';
  /** As stored before the change; absent on create. */
  readonly before?: ScimResource;
  /** As it would be stored: validated, canonical SCIM 2.0. */
  readonly after: ScimResource;
}

/**
 * One rule of a vendor, as a small object with the hooks it needs. A profile is a list of these,
 * so rules compose: a custom profile can take AWS's filter rule and Atlassian's rename rule.
 * Hooks refuse by throwing a `ScimError`; the profile's error style renders it.
 */
export interface TargetPolicy {
  /** A short kebab-case name, e.g. `aws-filter-rules`. */
  readonly name: string;
  /** What the vendor does and where it is documented, for README tables and error hunting. */
  readonly description: string;
  /** Refuses an operation the vendor does not offer at all (e.g. PUT on an AWS group). */
  checkOperation?(operation: TargetOperation, context: PolicyContext): void;
  /** Refuses filters the vendor cannot evaluate, before any resource is looked at. */
  checkFilter?(filter: FilterNode, context: PolicyContext): void;
  /** Refuses PATCH operations, before they are applied. */
  checkPatch?(
    operations: readonly PatchOperation[],
    context: PolicyContext & { readonly before: ScimResource },
  ): void;
  /** Refuses a resource about to be stored (after validation, PATCH applied). */
  checkWrite?(write: ResourceWrite, context: PolicyContext): void;
  /** Reshapes a resource on its way out of a read (GET or list). */
  presentRead?(resource: ScimResource, context: PolicyContext): ScimResource;
}
