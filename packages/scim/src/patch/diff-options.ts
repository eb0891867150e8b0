import type { PatchContext } from './patch-operation.js';

export interface DiffOptions extends PatchContext {
  /**
   * Whether the target accepts value filters in paths (`members[value eq "…"]`). When true
   * (the default, as RFC 7644 requires), a multi-valued attribute whose values carry a `value`
   * is changed value by value: removes through a filter, one add for the new values. When false
   * (targets such as GitHub EMU, which ignore filtered paths), the whole attribute is replaced.
   */
  readonly valuePathFilters?: boolean;
  /**
   * The most operations one multi-valued attribute may take before the diff replaces the whole
   * attribute instead: a large reshuffle is one replace rather than hundreds of removes.
   * Default: no limit.
   */
  readonly maxOperationsPerMultiValued?: number;
}
