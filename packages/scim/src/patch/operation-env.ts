import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { PatchOpName } from './patch-operation.js';
import type { AttributeTarget, TargetResolver } from './patch-target.js';
import type { ValuePreparationOptions } from './prepare-attribute-value.js';
import type { ResourceDraft } from './resource-draft.js';
import { valueSubAttribute } from './sub-attributes.js';

/** What every step of one `applyPatch` call shares. */
export interface OperationEnv {
  readonly draft: ResourceDraft;
  readonly resolver: TargetResolver;
  readonly preparation: ValuePreparationOptions;
  readonly unmatchedRemoveFilter: 'noTarget' | 'ignore';
}

/** One operation on one resolved target (a path-less value yields several). */
export interface TargetedOperation {
  readonly op: PatchOpName;
  readonly target: AttributeTarget;
  /** The value sent, or undefined (remove). */
  readonly value: unknown;
}

/** The attribute as a person would name it in an error: URN-qualified for extension attributes. */
export function attributeLabel(target: AttributeTarget): string {
  return target.extension ? `${target.extension}:${target.definition.name}` : target.definition.name;
}

/**
 * A bare value where a complex value with a `value` sub-attribute is expected becomes
 * `{ "value": … }`: Entra ID sets the enterprise `manager` as `"value":"<id>"`, and lists of
 * plain ids are a common shorthand for members. Anything else is left for type checking.
 */
export function liftBareValues(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type !== 'complex' || !valueSubAttribute(definition)) return value;
  const lift = (item: unknown): unknown =>
    item !== null && (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      ? { value: item }
      : item;
  if (Array.isArray(value)) return definition.multiValued ? value.map(lift) : value;
  return lift(value);
}
