import { diffResources, findKeyCaseInsensitive, type SchemaRegistry, type ScimResource } from '@idsync/scim';
import type { MappingProvenance } from '../mapping/attribute-mapping.js';
import type { ObjectType } from '../model/object-type.js';
import type { ComputedUpdate } from './plan-object.js';
import type { AttributeChange } from './planned-operation.js';
import { registryForDiff } from './diff-registry.js';
import { overlayDesired } from './overlay-desired.js';

export interface ComputeUpdateOptions {
  readonly registry: SchemaRegistry;
  readonly objectType: ObjectType;
  /** Whether the target accepts value-path filters in PATCH paths. */
  readonly valuePathFilters: boolean;
  /** Which rule produced each target path, to attribute changes. */
  readonly provenance?: readonly MappingProvenance[];
  /** The connection's custom schema URNs: extensions of the object type even when the registry does not know them. */
  readonly customSchemaUrns?: readonly string[];
}

/**
 * Attribute-level difference between the remote object and the desired one, limited to the
 * attributes the rules manage (see `overlayDesired`). Clearing works: a mapping that yields nothing removes the
 * remote value (PingOne cannot do this). Attributes the registry does not know — a custom
 * extension's `costCenter` — are compared too, with definitions learned from the mapped values
 * (see `registryForDiff`). Returns the minimal PatchOp and the changes in words.
 */
export function computeUpdate(
  remote: ScimResource,
  desired: ScimResource,
  options: ComputeUpdateOptions,
): ComputedUpdate {
  const { id: _id, meta: _meta, ...from } = remote;
  const to = overlayDesired(from as ScimResource, desired);
  const registry = registryForDiff(options.registry, options.objectType, desired, options.customSchemaUrns);
  const scope = registry.scopeOf(options.objectType);
  const patch = diffResources(from, to, { registry, scope, valuePathFilters: options.valuePathFilters });
  if (patch.length === 0) return { patch, changes: [], target: to };

  const changes: AttributeChange[] = [];
  const keys = new Set([...Object.keys(from), ...Object.keys(to)].filter((key) => key !== 'schemas'));
  const source = from as ScimResource;
  for (const key of keys) {
    const before = source[findKeyCaseInsensitive(source, key) ?? key];
    const after = to[findKeyCaseInsensitive(to, key) ?? key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    const rule = options.provenance?.find((p) => targetsAttribute(p.targetPath, key));
    changes.push({
      path: key,
      from: before ?? null,
      to: after ?? null,
      ...(rule ? { ruleId: rule.ruleId } : {}),
    });
  }
  return { patch, changes, target: to };
}

/** Whether a mapping's target path lies in the top-level attribute `key` (an extension's URN included). */
function targetsAttribute(targetPath: string, key: string): boolean {
  const path = targetPath.toLowerCase();
  const attribute = key.toLowerCase();
  return path === attribute || ['.', '[', ':'].some((separator) => path.startsWith(attribute + separator));
}
