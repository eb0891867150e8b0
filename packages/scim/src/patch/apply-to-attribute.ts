import { getCaseInsensitive } from '../resource/case-insensitive.js';
import { ScimError } from '../errors/scim-error.js';
import { appendValues, distinctValues, removeListedValues } from './multi-valued-values.js';
import {
  isComplexValue,
  mergeComplexValue,
  withoutNullMembers,
  withoutSubAttribute,
  type ComplexValue,
} from './complex-value.js';
import { assertMutationAllowed, assertSubAttributeMutationsAllowed } from './mutability-guard.js';
import {
  attributeLabel,
  liftBareValues,
  type OperationEnv,
  type TargetedOperation,
} from './operation-env.js';
import { prepareAttributeValue } from './prepare-attribute-value.js';
import { keepPrimaryUnique } from './primary-uniqueness.js';
import type { AttributeContainer } from './resource-draft.js';

/**
 * An operation on a whole attribute (`userName`, `emails`, `name`, `urn:…:User:manager`) or on a
 * sub-attribute of a single-valued complex attribute (`name.givenName`), following
 * RFC 7644 §3.5.2:
 * - add: a multi-valued attribute gains the values not already there; a complex one has the
 *   given sub-attributes laid over it; any other attribute is set;
 * - replace: the same, except that a multi-valued attribute's values are all replaced;
 * - remove: the attribute becomes unassigned; removing one that is not there changes nothing
 *   (it is already unassigned, and `noTarget` is reserved for filters that match nothing).
 *   A remove that carries a value on a multi-valued attribute removes only those values.
 * A null value (or an empty list for replace) means "unassigned", as RFC 7643 §2.5 defines it.
 */
export function applyToAttribute(
  env: OperationEnv,
  container: AttributeContainer,
  operation: TargetedOperation,
): void {
  const { op, target, value } = operation;
  const { definition } = target;
  const label = attributeLabel(target);
  const current = env.draft.read(container, definition);
  if (target.subDefinition) {
    applyToSubAttribute(env, container, operation, current, label);
    return;
  }
  let next: unknown;
  if (op === 'remove') {
    const listed = value === undefined || value === null ? undefined : Array.isArray(value) ? value : [value];
    next =
      definition.multiValued && listed && Array.isArray(current)
        ? removeListedValues(definition, current, listed)
        : undefined;
  } else {
    const prepared = prepareAttributeValue(
      definition,
      liftBareValues(definition, value),
      label,
      env.preparation,
    );
    if (prepared === null) next = undefined;
    else if (definition.multiValued) {
      const items = (prepared as unknown[]).map(withoutNullMembers);
      if (op === 'add') {
        const { elements, appended } = appendValues(definition, Array.isArray(current) ? current : [], items);
        next = keepPrimaryUnique(definition, elements, appended, label);
      } else {
        const distinct = distinctValues(definition, items);
        next = keepPrimaryUnique(definition, distinct, new Set(distinct), label);
      }
    } else if (definition.type === 'complex') {
      next = mergeComplexValue(definition, current, prepared as ComplexValue);
    } else next = prepared;
  }
  assertMutationAllowed(definition, current, next, label);
  if (definition.type === 'complex' && !definition.multiValued) {
    assertSubAttributeMutationsAllowed(definition, current, next, label);
  }
  env.draft.write(container, definition, next);
}

function applyToSubAttribute(
  env: OperationEnv,
  container: AttributeContainer,
  { op, target, value }: TargetedOperation,
  current: unknown,
  label: string,
): void {
  const { definition } = target;
  const sub = target.subDefinition!;
  if (definition.multiValued || definition.type !== 'complex') {
    // Multi-valued `emails.value` is routed to applyToElements; this is a guard for misuse.
    throw ScimError.invalidPath(
      `"${target.text}" does not name a sub-attribute of a single-valued complex attribute.`,
    );
  }
  const parent = isComplexValue(current) ? current : undefined;
  const subLabel = `${label}.${sub.name}`;
  const before = parent ? getCaseInsensitive(parent, sub.name) : undefined;
  let next: ComplexValue | undefined;
  if (op === 'remove') {
    if (!parent) return;
    next = withoutSubAttribute(parent, sub.name);
  } else {
    let subValue = prepareAttributeValue(sub, value, subLabel, env.preparation);
    if (sub.multiValued && op === 'add' && Array.isArray(subValue)) {
      subValue = appendValues(sub, Array.isArray(before) ? before : [], subValue).elements;
    }
    next = mergeComplexValue(definition, parent, { [sub.name]: subValue });
  }
  assertMutationAllowed(sub, before, getCaseInsensitive(next, sub.name), subLabel);
  assertMutationAllowed(definition, current, next, label);
  assertSubAttributeMutationsAllowed(definition, current, next, label);
  env.draft.write(container, definition, next);
}
