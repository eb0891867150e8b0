import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';

/** The three PATCH operations of RFC 7644 §3.5.2, in their canonical lower-case spelling. */
export type PatchOpName = 'add' | 'remove' | 'replace';

/**
 * One PATCH operation as it travels on the wire (RFC 7644 §3.5.2), after normalisation: `op` is
 * lower-case, `path` is trimmed text (absent for a path-less add/replace), `value` is whatever
 * JSON the client sent. Paths stay text so operations can be logged, hashed and re-sent as-is.
 */
export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: unknown;
}

/** What the PATCH engine needs to interpret attribute names: the schemas and the resource's scope. */
export interface PatchContext {
  readonly registry: SchemaRegistry;
  readonly scope: SchemaScope;
}

export interface ApplyPatchOptions extends PatchContext {
  /**
   * Accept `"True"` / `"false"` strings where the schema says boolean, as Entra ID sends
   * `"active":"False"`. Default true: rejecting them breaks a widely deployed client for no gain.
   */
  readonly coerceStringBooleans?: boolean;
  /**
   * What a `remove` whose value filter matches nothing does. RFC 7644 §3.12 lists this case
   * under `noTarget`, which is the default; a server that prefers idempotent removes (the
   * member is already gone, so the goal is reached) sets `'ignore'`.
   */
  readonly unmatchedRemoveFilter?: 'noTarget' | 'ignore';
}

/** The outcome of `applyPatch`. */
export interface PatchResult<T> {
  /** The patched resource: a new object; the input is never modified. */
  readonly resource: T;
  /**
   * False when every operation left the resource as it was (e.g. adding a member who is already
   * there): a server can then skip the write and keep `meta.version` / the ETag.
   */
  readonly changed: boolean;
}
