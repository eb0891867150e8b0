import type { AttributeDefinition } from '../attribute-definition.js';

/** Everything of an attribute except its name, each characteristic optional. */
export type AttributeOverrides = Partial<Omit<AttributeDefinition, 'name'>>;

/**
 * An attribute with the defaults of RFC 7643 §2.2 (string, single-valued, optional, not case
 * exact, readWrite, returned by default, no uniqueness) and the given characteristics on top.
 * The schema files list only what differs from those defaults, so a reader sees at a glance
 * what is special about an attribute; the result always carries every characteristic, which
 * is what `/Schemas` must serve.
 */
export function defineAttribute(name: string, overrides: AttributeOverrides = {}): AttributeDefinition {
  return {
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  };
}

/** A complex attribute; `subAttributes` are built with `defineAttribute` too. */
export function defineComplex(
  name: string,
  subAttributes: readonly AttributeDefinition[],
  overrides: Omit<AttributeOverrides, 'type' | 'subAttributes'> = {},
): AttributeDefinition {
  return defineAttribute(name, { ...overrides, type: 'complex', subAttributes });
}

/**
 * The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4): `value`, `display`,
 * `type` and `primary`. `value` and `type` take overrides because their type, case rules and
 * canonical values differ between emails, photos, certificates and the rest.
 */
export function multiValuedSubAttributes(
  options: {
    readonly value?: AttributeOverrides;
    readonly type?: AttributeOverrides;
    readonly mutability?: AttributeDefinition['mutability'];
  } = {},
): AttributeDefinition[] {
  const mutability = options.mutability ?? 'readWrite';
  return [
    defineAttribute('value', { description: 'The value itself.', mutability, ...options.value }),
    defineAttribute('display', {
      description: 'A human-readable form of the value, for display only.',
      mutability,
    }),
    defineAttribute('type', {
      description: 'A label for what the value is used for.',
      mutability,
      ...options.type,
    }),
    defineAttribute('primary', {
      type: 'boolean',
      description: 'True for the preferred value; at most one value may be primary.',
      mutability,
    }),
  ];
}
