import type { MappedValue, ScalarOrList } from './mapping-value.js';

/**
 * One attribute mapping of a provisioning rule. `target` and `source` are attribute paths:
 * `userName`, `name.givenName`, `emails[type eq "work"].value`, or URN-qualified extension
 * paths such as `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
 *
 * - `direct` copies the source attribute (complex values included);
 * - `constant` writes a fixed value;
 * - `expression` computes the value with the mapping expression language.
 *
 * `defaultIfEmpty` is written when the computed value is null, absent, "" or an empty list.
 * `onCreateOnly` mappings are applied when the target object is created and never on updates
 * (an initial password, a generated username the target owner may change later).
 */
export type AttributeMapping =
  | { target: string; kind: 'direct'; source: string; defaultIfEmpty?: ScalarOrList; onCreateOnly?: boolean }
  | { target: string; kind: 'constant'; value: ScalarOrList; onCreateOnly?: boolean }
  | {
      target: string;
      kind: 'expression';
      expression: string;
      defaultIfEmpty?: ScalarOrList;
      onCreateOnly?: boolean;
    };

export type AttributeMappingKind = AttributeMapping['kind'];

/**
 * Where one target value came from: the data behind `idsync explain`.
 * `from` is the source path of a direct mapping, the expression text, or `'constant'`.
 */
export interface MappingProvenance {
  readonly ruleId: string;
  readonly kind: AttributeMappingKind;
  readonly from: string;
  /** The canonical target path the value was written to. */
  readonly targetPath: string;
  /** The value written; `null` means the attribute is cleared; `undefined` when skipped. */
  readonly value: MappedValue | undefined;
  /** True when `defaultIfEmpty` supplied the value. */
  readonly defaultApplied: boolean;
  /** Set when the mapping was not applied: `onCreateOnly` mappings on an update. */
  readonly skipped?: 'onCreateOnly';
}
