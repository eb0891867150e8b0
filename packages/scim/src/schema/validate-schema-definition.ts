import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition, SchemaDefinition } from './attribute-definition.js';
import { isValidAttributeName } from './attribute-path.js';

const TYPES = new Set(['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex']);
const MUTABILITY = new Set(['readOnly', 'readWrite', 'immutable', 'writeOnly']);
const RETURNED = new Set(['always', 'never', 'default', 'request']);
const UNIQUENESS = new Set(['none', 'server', 'global']);

function checkAttribute(schemaId: string, attribute: AttributeDefinition, parent?: string): void {
  const where = `schema "${schemaId}", attribute "${parent ? `${parent}.` : ''}${attribute.name}"`;
  const fail = (what: string) => {
    throw ScimError.invalidValue(`Invalid schema definition at ${where}: ${what}`);
  };
  if (!isValidAttributeName(attribute.name)) fail('the name must start with a letter and hold only letters, digits, "-" and "_".');
  if (!TYPES.has(attribute.type)) fail(`type "${attribute.type}" is not one of ${[...TYPES].join(', ')}.`);
  if (!MUTABILITY.has(attribute.mutability)) fail(`mutability "${attribute.mutability}" is not one of ${[...MUTABILITY].join(', ')}.`);
  if (!RETURNED.has(attribute.returned)) fail(`returned "${attribute.returned}" is not one of ${[...RETURNED].join(', ')}.`);
  if (!UNIQUENESS.has(attribute.uniqueness)) fail(`uniqueness "${attribute.uniqueness}" is not one of ${[...UNIQUENESS].join(', ')}.`);
  if (attribute.type === 'complex') {
    if (parent) fail('a sub-attribute cannot be complex (RFC 7643 §2.3.8).');
    if (!attribute.subAttributes?.length) fail('a complex attribute needs subAttributes.');
    const seen = new Set<string>();
    for (const sub of attribute.subAttributes ?? []) {
      if (seen.has(sub.name.toLowerCase())) fail(`sub-attribute "${sub.name}" is defined twice.`);
      seen.add(sub.name.toLowerCase());
      checkAttribute(schemaId, sub, attribute.name);
    }
  } else if (attribute.subAttributes?.length) {
    fail(`only complex attributes have subAttributes (this one is ${attribute.type}).`);
  }
}

/** Checks a schema definition before it is registered, so a bad custom extension fails at start-up with a clear message. */
export function validateSchemaDefinition(schema: SchemaDefinition): void {
  if (typeof schema.id !== 'string' || !/^urn:[^\s]+$/i.test(schema.id)) {
    throw ScimError.invalidValue(`Invalid schema id "${String(schema.id)}": a schema id must be a URN such as "urn:example:params:scim:schemas:extension:acme:2.0:User".`);
  }
  const seen = new Set<string>();
  for (const attribute of schema.attributes) {
    if (seen.has(attribute.name.toLowerCase())) {
      throw ScimError.invalidValue(`Invalid schema definition "${schema.id}": attribute "${attribute.name}" is defined twice (names are case-insensitive).`);
    }
    seen.add(attribute.name.toLowerCase());
    checkAttribute(schema.id, attribute);
  }
}
