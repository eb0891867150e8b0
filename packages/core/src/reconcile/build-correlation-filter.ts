import { fillFilterTemplate, parseFilter, type FilterNode, type ScimResource } from '@idsync/scim';
import { createAttributeReader } from '../mapping/read-attribute.js';
import { parseMappingPath } from '../mapping/mapping-path.js';
import { PathResolver } from '../mapping/resolve-mapping-path.js';
import type { ConnectionPreferences } from '../model/connection.js';

/** Reads the user identifier out of a mapped object; compiled once per connection. */
export type IdentifierReader = (desired: ScimResource) => string | undefined;

export function compileIdentifierReader(preferences: Pick<ConnectionPreferences, 'userIdentifier'>): IdentifierReader {
  const resolver = new PathResolver({ registry: null });
  const path = resolver.resolve(parseMappingPath(preferences.userIdentifier, resolver.knownSchemas), 'source');
  const read = createAttributeReader(path);
  return (desired) => {
    const value = read(desired);
    if (typeof value === 'string' && value.trim()) return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  };
}

export interface CorrelationFilter {
  readonly text: string;
  readonly node: FilterNode;
}

/**
 * Fills the connection's user filter expression (`userName eq "%s"`) with the identifier of
 * the mapped object, escaped so that any value stays one literal (safety rule 5). Undefined
 * when the object has no identifier: then it cannot be correlated and is created only if the
 * connection allows it.
 */
export function buildCorrelationFilter(
  preferences: Pick<ConnectionPreferences, 'userFilterExpression'>,
  desired: ScimResource,
  readIdentifier: IdentifierReader,
): CorrelationFilter | undefined {
  const identifier = readIdentifier(desired);
  if (identifier === undefined) return undefined;
  const text = fillFilterTemplate(preferences.userFilterExpression, identifier);
  return { text, node: parseFilter(text) };
}

/** Groups correlate by display name: the one attribute every store gives a group. */
export const GROUP_CORRELATION: Pick<ConnectionPreferences, 'userFilterExpression' | 'userIdentifier'> = {
  userFilterExpression: 'displayName eq "%s"',
  userIdentifier: 'displayName',
};
