import { ScimError } from '../errors/scim-error.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { isUnassigned } from './attribute-value-equality.js';
import {
  isComplexValue,
  mergeComplexValue,
  withoutSubAttribute,
  type ComplexValue,
} from './complex-value.js';
import { compileElementMatcher } from './element-matcher.js';
import { appendValues, distinctValues } from './multi-valued-values.js';
import { assertMutationAllowed, assertSubAttributeMutationsAllowed } from './mutability-guard.js';
import {
  attributeLabel,
  liftBareValues,
  type OperationEnv,
  type TargetedOperation,
} from './operation-env.js';
import type { PatchOpName } from './patch-operation.js';
import { prepareAttributeValue, prepareSingleValue } from './prepare-attribute-value.js';
import { keepPrimaryUnique } from './primary-uniqueness.js';
import type { AttributeContainer } from './resource-draft.js';
import { elementFromEqualityFilter } from './value-filter-template.js';

/** How one selected element changes: a function from the old element to the new one (undefined = drop it). */
type ElementUpdate = (element: unknown) => unknown;

/**
 * An operation on selected values of a multi-valued attribute: those a value filter matches
 * (`emails[type eq "work"]`, `members[value eq "…"]`), optionally narrowed to a sub-attribute
 * (`emails[type eq "work"].value`), or every value for `emails.value`. RFC 7644 §3.5.2:
 * - replace changes the matching values (a complex value keeps the sub-attributes the new value
 *   does not mention) or their sub-attribute; when the filter matches nothing: `noTarget` — it
 *   never adds a value (the known fault of some libraries);
 * - remove drops the matching values, or their sub-attribute; a filter that matches nothing is
 *   `noTarget` (§3.12) unless the caller chose to ignore it;
 * - add works like replace on matching values; when nothing matches and the filter is a plain
 *   `sub eq literal [and …]`, the value it describes is added (Entra ID's way to add a work
 *   e-mail), otherwise `noTarget`.
 */
export function applyToElements(
  env: OperationEnv,
  container: AttributeContainer,
  operation: TargetedOperation,
): void {
  const { op, target } = operation;
  const { definition, filter } = target;
  const label = attributeLabel(target);
  const current = env.draft.read(container, definition);
  const elements: readonly unknown[] = Array.isArray(current) ? current : [];
  const matches = filter ? compileElementMatcher(definition, filter) : () => true;
  const update = elementUpdate(env, operation, label);
  const written = new Set<unknown>();
  const next: unknown[] = [];
  let matchedAny = false;
  for (const element of elements) {
    if (!matches(element)) {
      next.push(element);
      continue;
    }
    matchedAny = true;
    const updated = update(element);
    if (isComplexValue(element) && definition.type === 'complex') {
      assertSubAttributeMutationsAllowed(definition, element, updated, label);
    }
    if (updated === undefined || isUnassigned(updated)) continue;
    next.push(updated);
    if (updated !== element) written.add(updated);
  }
  if (!matchedAny) {
    handleNoMatch(env, container, operation, elements, label);
    return;
  }
  const distinct = op === 'remove' ? next : distinctValues(definition, next);
  const final = keepPrimaryUnique(definition, distinct, written, label);
  assertMutationAllowed(definition, current, final, label);
  env.draft.write(container, definition, final);
}

/** Builds, once per operation, the change applied to every selected element. */
function elementUpdate(
  env: OperationEnv,
  { op, target, value }: TargetedOperation,
  label: string,
): ElementUpdate {
  const { definition } = target;
  const sub = target.subDefinition;
  if (sub) {
    const subLabel = `${label}.${sub.name}`;
    const subValue =
      op === 'remove' ? undefined : prepareAttributeValue(sub, value, subLabel, env.preparation);
    return (element) => {
      const parent = isComplexValue(element) ? element : undefined;
      const before = parent ? getCaseInsensitive(parent, sub.name) : undefined;
      let updated: ComplexValue | undefined;
      if (op === 'remove') updated = parent ? withoutSubAttribute(parent, sub.name) : undefined;
      else {
        let stored = subValue;
        if (sub.multiValued && op === 'add' && Array.isArray(subValue)) {
          stored = appendValues(sub, Array.isArray(before) ? before : [], subValue).elements;
        }
        updated = mergeComplexValue(definition, parent, { [sub.name]: stored });
      }
      assertMutationAllowed(
        sub,
        before,
        updated ? getCaseInsensitive(updated, sub.name) : undefined,
        subLabel,
      );
      return updated;
    };
  }
  if (op === 'remove') return () => undefined;
  const prepared = prepareSingleValue(definition, liftBareValues(definition, value), label, env.preparation);
  if (definition.type === 'complex')
    return (element) => mergeComplexValue(definition, element, prepared as ComplexValue);
  return () => prepared;
}

function handleNoMatch(
  env: OperationEnv,
  container: AttributeContainer,
  operation: TargetedOperation,
  elements: readonly unknown[],
  label: string,
): void {
  const { op, target } = operation;
  const { definition, filter } = target;
  if (op === 'remove' && (!filter || env.unmatchedRemoveFilter === 'ignore')) return;
  const created = op === 'add' && filter ? elementFromEqualityFilter(definition, filter) : undefined;
  if (!created) throw noTarget(op, target.text, definition, filter !== undefined);
  const update = elementUpdate(env, operation, label);
  const element = prepareSingleValue(definition, update(created), label, env.preparation);
  const { elements: next, appended } = appendValues(definition, elements, [element]);
  const final = keepPrimaryUnique(definition, next, appended, label);
  assertMutationAllowed(definition, elements.length ? elements : undefined, final, label);
  env.draft.write(container, definition, final);
}

function noTarget(
  op: PatchOpName,
  text: string,
  definition: AttributeDefinition,
  filtered: boolean,
): ScimError {
  if (!filtered) {
    return ScimError.noTarget(
      `"${text}" selects every value of "${definition.name}", but it has none to ${op}.`,
    );
  }
  const hint = op === 'replace' ? ' To add a value, use "add" with the value itself.' : '';
  return ScimError.noTarget(
    `The filter of "${text}" matches no value of "${definition.name}", so there is nothing to ${op}.${hint}`,
  );
}
