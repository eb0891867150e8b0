import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition.js';
import { isValidAttributeName } from './attribute-path.js';
import { SCHEMA_SCHEMA } from './urns.js';

const TYPES = new Set([
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'binary',
  'reference',
  'complex',
]);
const MUTABILITY = new Set(['readOnly', 'readWrite', 'immutable', 'writeOnly']);
const RETURNED = new Set(['always', 'never', 'default', 'request']);
const UNIQUENESS = new Set(['none', 'server', 'global']);
const FLAGS = ['multiValued', 'required', 'caseExact'] as const;

function checkAttribute(schemaId: string, attribute: AttributeDefinition, parent?: string): void {
  const where = `schema "${schemaId}", attribute "${parent ? `${parent}.` : ''}${String(attribute.name)}"`;
  const fail = (what: string) => {
    throw ScimError.invalidValue(`Invalid schema definition at ${where}: ${what}`);
  };
  if (typeof attribute.name !== 'string' || !isValidAttributeName(attribute.name)) {
    fail('the name must start with a letter and hold only letters, digits, "-" and "_".');
  }
  if (!TYPES.has(attribute.type)) fail(`type "${attribute.type}" is not one of ${[...TYPES].join(', ')}.`);
  // Definitions loaded from JSON configuration can carry "true" as a string; catch it here
  // rather than let every later check read a truthy string as true.
  for (const flag of FLAGS) {
    if (typeof attribute[flag] !== 'boolean')
      fail(`${flag} must be true or false, not ${JSON.stringify(attribute[flag])}.`);
  }
  if (!MUTABILITY.has(attribute.mutability))
    fail(`mutability "${attribute.mutability}" is not one of ${[...MUTABILITY].join(', ')}.`);
  if (!RETURNED.has(attribute.returned))
    fail(`returned "${attribute.returned}" is not one of ${[...RETURNED].join(', ')}.`);
  if (!UNIQUENESS.has(attribute.uniqueness))
    fail(`uniqueness "${attribute.uniqueness}" is not one of ${[...UNIQUENESS].join(', ')}.`);
  if (attribute.type === 'complex') {
    // RFC 7643 §2.3.8 forbids complex sub-attributes; the Schema schema itself (§8.7.2) is the
    // one exception, since `attributes.subAttributes` describes sub-attributes.
    if (parent && schemaId.toLowerCase() !== SCHEMA_SCHEMA.toLowerCase())
      fail('a sub-attribute cannot be complex (RFC 7643 §2.3.8).');
    if (!attribute.subAttributes?.length) fail('a complex attribute needs subAttributes.');
    const seen = new Set<string>();
    for (const sub of attribute.subAttributes ?? []) {
      if (typeof sub.name === 'string' && seen.has(sub.name.toLowerCase()))
        fail(`sub-attribute "${sub.name}" is defined twice.`);
      if (typeof sub.name === 'string') seen.add(sub.name.toLowerCase());
      checkAttribute(schemaId, sub, parent ? `${parent}.${attribute.name}` : attribute.name);
    }
  } else if (attribute.subAttributes?.length) {
    fail(`only complex attributes have subAttributes (this one is ${attribute.type}).`);
  }
}

/** Checks a schema definition before it is registered, so a bad custom extension fails at start-up with a clear message. */
export function validateSchemaDefinition(schema: SchemaDefinition): void {
  if (typeof schema.id !== 'string' || !/^urn:[^\s]+$/i.test(schema.id)) {
    throw ScimError.invalidValue(
      `Invalid schema id "${String(schema.id)}": a schema id must be a URN such as "urn:example:params:scim:schemas:extension:acme:2.0:User".`,
    );
  }
  if (!Array.isArray(schema.attributes)) {
    throw ScimError.invalidValue(
      `Invalid schema definition "${schema.id}": "attributes" must be a list of attribute definitions.`,
    );
  }
  const seen = new Set<string>();
  for (const attribute of schema.attributes) {
    if (typeof attribute.name === 'string') {
      if (seen.has(attribute.name.toLowerCase())) {
        throw ScimError.invalidValue(
          `Invalid schema definition "${schema.id}": attribute "${attribute.name}" is defined twice (names are case-insensitive).`,
        );
      }
      seen.add(attribute.name.toLowerCase());
    }
    checkAttribute(schema.id, attribute);
  }
}
